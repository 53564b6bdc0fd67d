#pragma once

// Signing in: a server profile (ServerProfiles; the URL and last email, never a password), the
// server URL, email and password. Signing in runs a SignInJob while a busy indicator shows;
// a failure shows the server's message and request id, selectable for copying. On success the
// client holds the token, the profile is saved, signedIn() is emitted and the dialog accepts.

#include "client/serverprofiles.h"
#include "client/session.h"

#include <QDialog>
#include <QPointer>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace Tenantry {

class ApiClient;
class SignInJob;

class SignInDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SignInDialog(ApiClient *client, QWidget *parent = nullptr);

    // Fills the form (a session that expired: same server and email); an empty URL or email
    // leaves that field as the chosen profile has it.
    void setServer(const QUrl &url, const QString &email);
    // A line above the form ("Your session has ended…").
    void setReason(const QString &reason);

    void signIn();

Q_SIGNALS:
    void signedIn(const Tenantry::Session &session);

protected:
    void reject() override;

private:
    void profileChosen(int index);
    void setBusy(bool busy);
    void showError(const QString &text);

    ApiClient *m_client;
    ServerProfiles m_profiles;
    QLabel *m_reason;
    QComboBox *m_profile;
    QLineEdit *m_url;
    QLineEdit *m_email;
    QLineEdit *m_password;
    QLabel *m_error;
    QProgressBar *m_progress;
    QDialogButtonBox *m_buttons;
    QPushButton *m_signIn;
    QPointer<SignInJob> m_job;
};

} // namespace Tenantry
