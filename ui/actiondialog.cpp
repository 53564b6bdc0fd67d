#include "ui/actiondialog.h"

#include "ui/errortext.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace Tenantry {

ActionDialog::ActionDialog(const QString &title, const QString &confirmText, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(title);
    setAttribute(Qt::WA_DeleteOnClose);
    setModal(true);

    auto *layout = new QVBoxLayout(this);
    m_form = new QFormLayout;
    layout->addLayout(m_form);

    m_consequence = new QLabel(this);
    m_consequence->setObjectName(QStringLiteral("consequenceLabel"));
    m_consequence->setWordWrap(true);
    m_consequence->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont font = m_consequence->font();
    font.setBold(true);
    m_consequence->setFont(font);
    layout->addWidget(m_consequence);

    m_progressText = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("progress"));
    m_progress->setRange(0, 0); // busy indicator
    m_progress->setTextVisible(false);
    m_progressText->hide();
    m_progress->hide();
    layout->addWidget(m_progressText);
    layout->addWidget(m_progress);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::RichText);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #8a1c1c; }"));
    m_error->hide();
    layout->addWidget(m_error);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_confirm = m_buttons->addButton(confirmText, QDialogButtonBox::AcceptRole);
    m_confirm->setObjectName(QStringLiteral("confirmButton"));
    m_confirm->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ActionDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ActionDialog::reject);
    layout->addWidget(m_buttons);
}

void ActionDialog::addRow(const QString &label, QWidget *field)
{
    m_form->addRow(label, field);
}

void ActionDialog::addRow(QWidget *field)
{
    m_form->addRow(field);
}

void ActionDialog::setConsequence(const QString &text)
{
    m_consequence->setText(text);
    m_consequence->setVisible(!text.isEmpty());
}

QString ActionDialog::consequence() const
{
    return m_consequence->text();
}

void ActionDialog::setInputValid(bool valid, const QString &why)
{
    m_valid = valid;
    m_invalidReason = why;
    updateConfirm();
}

void ActionDialog::setBusy(bool busy, const QString &progressText)
{
    m_busy = busy;
    m_progressText->setText(progressText);
    m_progressText->setVisible(busy && !progressText.isEmpty());
    m_progress->setVisible(busy);
    if (busy)
        m_error->hide();
    for (QWidget *child : findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly)) {
        if (child != m_progress && child != m_progressText && child != m_buttons
            && child != m_consequence)
            child->setEnabled(!busy);
    }
    for (int i = 0; i < m_form->count(); ++i) {
        if (QLayoutItem *item = m_form->itemAt(i); item && item->widget())
            item->widget()->setEnabled(!busy);
    }
    updateConfirm();
}

void ActionDialog::showError(const QString &action, const ApiError &error)
{
    setBusy(false);
    m_error->setText(ErrorText::html(action, error));
    m_error->show();
    adjustSize(); // the whole message, request id included, stays readable
}

void ActionDialog::finish()
{
    m_busy = false;
    QDialog::accept();
}

QByteArray ActionDialog::keyFor(const QString &inputs) const
{
    return inputs == m_keyInputs ? m_key : QByteArray();
}

void ActionDialog::rememberKey(const QString &inputs, const QByteArray &key)
{
    m_keyInputs = inputs;
    m_key = key;
}

void ActionDialog::accept()
{
    if (m_busy || !m_valid)
        return;
    Q_EMIT confirmed();
}

void ActionDialog::reject()
{
    // Closing while the request is in flight would hide its outcome: the request goes on and
    // the view still refreshes, but the dialog only goes once it is done.
    if (m_busy)
        return;
    QDialog::reject();
}

void ActionDialog::updateConfirm()
{
    m_confirm->setEnabled(!m_busy && m_valid);
    m_confirm->setToolTip(m_valid ? QString() : m_invalidReason);
    if (QPushButton *cancel = m_buttons->button(QDialogButtonBox::Cancel))
        cancel->setEnabled(!m_busy);
}

} // namespace Tenantry
