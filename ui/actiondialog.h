#pragma once

#include "client/apierror.h"

#include <QDialog>

class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QProgressBar;
class QPushButton;

namespace Tenantry {

// The confirmation of one action: its inputs, the consequence in words ("MRR changes from
// $49.00 to $147.00 a month"), then a progress state while the request is in flight and the
// error, if any, inside the dialog so the user can correct and retry. accept() (the confirm
// button) does not close the dialog: it emits confirmed(); the owner starts the request, calls
// setBusy(true), and finish() on success or showError() on failure.
//
// A retry with unchanged inputs must reuse the Idempotency-Key of the failed attempt:
// keyFor()/rememberKey() keep it per input signature.
class ActionDialog : public QDialog
{
    Q_OBJECT

public:
    ActionDialog(const QString &title, const QString &confirmText, QWidget *parent = nullptr);

    void addRow(const QString &label, QWidget *field);
    void addRow(QWidget *field);
    void setConsequence(const QString &text);
    QString consequence() const;
    // Enables the confirm button; `why` is its tooltip when disabled.
    void setInputValid(bool valid, const QString &why = {});

    bool isBusy() const { return m_busy; }
    void setBusy(bool busy, const QString &progressText = {});
    void showError(const QString &action, const ApiError &error);
    void finish(); // closes the dialog as accepted

    QPushButton *confirmButton() const { return m_confirm; }

    QByteArray keyFor(const QString &inputs) const;
    void rememberKey(const QString &inputs, const QByteArray &key);

    void accept() override;
    void reject() override;

Q_SIGNALS:
    void confirmed();

private:
    void updateConfirm();

    QFormLayout *m_form = nullptr;
    QLabel *m_consequence = nullptr;
    QLabel *m_progressText = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_confirm = nullptr;
    bool m_busy = false;
    bool m_valid = true;
    QString m_invalidReason;
    QString m_keyInputs;
    QByteArray m_key;
};

} // namespace Tenantry
