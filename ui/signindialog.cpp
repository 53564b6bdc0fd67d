#include "ui/signindialog.h"

#include "client/apiclient.h"
#include "client/signinjob.h"
#include "ui/displaytext.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace Tenantry {

SignInDialog::SignInDialog(ApiClient *client, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_reason(new QLabel(this))
    , m_profile(new QComboBox(this))
    , m_url(new QLineEdit(this))
    , m_email(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_error(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
    , m_signIn(m_buttons->addButton(tr("Sign in"), QDialogButtonBox::AcceptRole))
{
    setObjectName(QStringLiteral("signInDialog"));
    setWindowTitle(tr("Sign in to Tenantry"));
    m_reason->setObjectName(QStringLiteral("signInReason"));
    m_reason->setWordWrap(true);
    m_reason->hide();
    m_profile->setObjectName(QStringLiteral("profileCombo"));
    m_url->setObjectName(QStringLiteral("urlEdit"));
    m_url->setPlaceholderText(tr("https://tenantry.example.com"));
    m_email->setObjectName(QStringLiteral("emailEdit"));
    m_email->setPlaceholderText(tr("you@example.com"));
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_error->hide();
    m_progress->setObjectName(QStringLiteral("signInProgress"));
    m_progress->setRange(0, 0); // busy
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_signIn->setObjectName(QStringLiteral("signInButton"));
    m_signIn->setDefault(true);

    m_profile->addItem(tr("New server"), QString());
    const QList<ServerProfile> profiles = m_profiles.profiles();
    for (const ServerProfile &profile : profiles)
        m_profile->addItem(profile.name, profile.name);

    auto *form = new QFormLayout;
    form->addRow(tr("&Server:"), m_profile);
    form->addRow(tr("&URL:"), m_url);
    form->addRow(tr("&Email:"), m_email);
    form->addRow(tr("&Password:"), m_password);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_reason);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);
    setMinimumWidth(420);

    connect(m_profile, &QComboBox::currentIndexChanged, this, &SignInDialog::profileChosen);
    connect(m_signIn, &QPushButton::clicked, this, &SignInDialog::signIn);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SignInDialog::reject);

    const int current = m_profile->findData(m_profiles.currentName());
    if (current > 0)
        m_profile->setCurrentIndex(current);
}

void SignInDialog::setServer(const QUrl &url, const QString &email)
{
    // Empty parts keep what the chosen profile filled in.
    if (!url.isEmpty())
        m_url->setText(url.toDisplayString());
    if (!email.isEmpty())
        m_email->setText(email);
    m_password->setFocus();
}

void SignInDialog::setReason(const QString &reason)
{
    m_reason->setText(reason);
    m_reason->setVisible(!reason.isEmpty());
}

void SignInDialog::profileChosen(int index)
{
    const QString name = m_profile->itemData(index).toString();
    const std::optional<ServerProfile> profile = m_profiles.profile(name);
    if (!profile)
        return;
    m_url->setText(profile->url.toDisplayString());
    m_email->setText(profile->email);
    m_password->clear();
    m_password->setFocus();
}

void SignInDialog::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_signIn->setEnabled(!busy);
    for (QWidget *field : {static_cast<QWidget *>(m_profile),
                           static_cast<QWidget *>(m_url),
                           static_cast<QWidget *>(m_email),
                           static_cast<QWidget *>(m_password)})
        field->setEnabled(!busy);
}

void SignInDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void SignInDialog::signIn()
{
    const QUrl url = QUrl::fromUserInput(m_url->text().trimmed());
    if (!url.isValid() || url.host().isEmpty()) {
        showError(tr("Enter the server's address, such as https://tenantry.example.com."));
        m_url->setFocus();
        return;
    }
    if (m_email->text().trimmed().isEmpty() || m_password->text().isEmpty()) {
        showError(tr("Enter your email and password."));
        return;
    }
    showError({});
    m_client->setBaseUrl(url);
    auto *job = new SignInJob(m_client, m_email->text().trimmed(), m_password->text(), this);
    m_job = job;
    connect(job, &ApiJob::finished, this, [this, job, url] {
        m_job.clear();
        setBusy(false);
        if (job->hasError()) {
            showError(DisplayText::error(*job->error()));
            m_password->selectAll();
            m_password->setFocus();
            return;
        }
        m_password->clear();
        m_client->setToken(job->session().token);
        ServerProfile profile;
        profile.name = m_profile->currentData().toString();
        if (profile.name.isEmpty())
            profile.name = url.port() > 0
                               ? url.host() + QLatin1Char(':') + QString::number(url.port())
                               : url.host();
        profile.url = url;
        profile.email = m_email->text().trimmed();
        if (const auto existing = m_profiles.profile(profile.name))
            profile.caFile = existing->caFile;
        m_profiles.save(profile);
        m_profiles.setCurrentName(profile.name);
        m_profiles.sync();
        Q_EMIT signedIn(job->session());
        accept();
    });
    setBusy(true);
    job->start();
}

void SignInDialog::reject()
{
    if (m_job) {
        m_job->abort();
        m_job->deleteLater();
        m_job.clear();
        setBusy(false);
        return; // the first Cancel stops signing in; the next closes
    }
    QDialog::reject();
}

} // namespace Tenantry
