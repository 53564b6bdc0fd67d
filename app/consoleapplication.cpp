#include "app/consoleapplication.h"

#include "client/signinjob.h"
#include "client/tenantpager.h"
#include "ui/screenshottour.h"
#include "ui/signindialog.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <cstdio>

namespace Tenantry {

namespace {

// The demo admin's password from tenantryd's demo-credentials.json (a small array of
// {"email","role","password"}); empty when the file or the entry is missing.
QString demoPassword(const QString &credentialsFile, const QString &email)
{
    QFile file(credentialsFile);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QJsonArray users = QJsonDocument::fromJson(file.readAll()).array();
    for (const QJsonValue user : users) {
        if (user[QLatin1String("email")].toString() == email)
            return user[QLatin1String("password")].toString();
    }
    return {};
}

} // namespace

ConsoleApplication::ConsoleApplication(QObject *parent)
    : QObject(parent)
{
    connect(&m_demo, &DemoServer::ready, this, &ConsoleApplication::signIn);
    connect(&m_demo, &DemoServer::failed, this, &ConsoleApplication::fail);
    connect(&m_demo, &DemoServer::progress, this, [this](int done, int total) {
        m_window.setStartupMessage(
            tr("Starting the demo server: billing history, month %1 of %2\u2026")
                .arg(done)
                .arg(total));
    });
}

QString ConsoleApplication::demoEmail()
{
    return QStringLiteral("admin@demo.tenantry.dev");
}

void ConsoleApplication::startDemo(const QString &dataDir, bool exitWhenReady)
{
    m_exitWhenReady = exitWhenReady;
    m_window.setStartupMessage(tr("Starting the demo server\u2026"));
    m_window.show();
    m_demo.start(dataDir);
}

void ConsoleApplication::startScreenshots(const QString &dataDir, const QString &folder)
{
    m_exitWhenReady = true; // a failure to start quits with status 1
    m_screenshots = true;
    auto *tour = new ScreenshotTour(&m_window, folder, this);
    connect(tour, &ScreenshotTour::finished, this, [tour] {
        if (tour->hasError())
            std::fprintf(stderr, "tenantry: %s\n", qPrintable(tour->errorMessage()));
        QCoreApplication::exit(tour->hasError() ? 1 : 0);
    });
    m_window.setStartupMessage(tr("Starting the demo server\u2026"));
    m_window.show();
    m_demo.start(dataDir);
    tour->start();
}

void ConsoleApplication::startSignedIn()
{
    connect(&m_keeper, &SessionKeeper::restored, this, [this](const ServerProfile &profile) {
        // GET /v1/me checks the token; a 401 there opens the sign-in dialog.
        m_window.setStartupMessage(tr("Connecting to %1\u2026").arg(profile.name));
        m_window.startSession();
    });
    connect(&m_keeper, &SessionKeeper::signInNeeded, this, &ConsoleApplication::showSignIn);
    connect(&m_window, &MainWindow::signedIn, this, [this](const Session &session) {
        m_keeper.remember(m_profiles.currentName(), session.token);
    });
    connect(&m_window, &MainWindow::signedOut, this, [this] {
        m_keeper.forget(m_profiles.currentName());
    });
    const auto keychainTrouble = [this](const QString &, const QString &message) {
        m_window.showKeychainProblem(message);
    };
    connect(&m_keeper, &SessionKeeper::rememberFailed, this, keychainTrouble);
    connect(&m_keeper, &SessionKeeper::forgetFailed, this, keychainTrouble);

    m_window.setStartupMessage(tr("Reading the saved session from the keychain\u2026"));
    m_window.show();
    m_keeper.restore();
}

void ConsoleApplication::showSignIn(const QString &reason)
{
    m_window.setStartupMessage(
        tr("Sign in to a Tenantry server, or run \u201ctenantry --demo\u201d "
           "to try Tenantry on demo data."));
    SignInDialog *dialog = m_window.requestSignIn(reason);
    connect(dialog, &QDialog::rejected, this, [this] {
        if (!m_window.hasSession())
            QCoreApplication::exit(0);
    });
}

void ConsoleApplication::shutdown()
{
    m_demo.stop();
    m_demo.waitForStopped(15000);
}

void ConsoleApplication::signIn(const QUrl &baseUrl)
{
    m_client.setBaseUrl(baseUrl);
    // The demo server listens on a new port each run: its metrics cache lives with its data,
    // not as one more file per port in the user's data folder.
    m_window.setMetricsCacheFolder(m_demo.dataDir());
    m_email = demoEmail();
    const QString password = demoPassword(m_demo.credentialsFile(), m_email);
    if (password.isEmpty()) {
        fail(tr("The demo server wrote no password for %1 in %2.")
                 .arg(m_email, m_demo.credentialsFile()));
        return;
    }
    m_window.setStartupMessage(tr("Signing in to %1\u2026").arg(baseUrl.toDisplayString()));
    auto *job = new SignInJob(&m_client, m_email, password, this);
    connect(job, &ApiJob::finished, this, [this, job] {
        if (job->hasError()) {
            fail(job->error()->message());
            return;
        }
        m_client.setToken(job->session().token);
        m_window.startSession();
        if (m_exitWhenReady && !m_screenshots)
            countTenants();
    });
    job->start();
}

void ConsoleApplication::countTenants()
{
    auto *pager = new TenantPager(&m_client, TenantQuery{}, this);
    connect(pager, &TenantPager::finished, this, [this, pager] {
        pager->deleteLater();
        if (pager->hasError()) {
            fail(pager->error()->message());
            return;
        }
        report(tr("Signed in as %1 on %2: %Ln tenant(s).", nullptr, int(pager->tenantCount()))
                   .arg(m_email, m_client.baseUrl().toDisplayString()));
    });
    pager->start();
}

void ConsoleApplication::report(const QString &status)
{
    if (m_exitWhenReady) {
        std::fprintf(stdout, "%s\n", qPrintable(status));
        std::fflush(stdout);
        QCoreApplication::exit(0);
    }
}

void ConsoleApplication::fail(const QString &message)
{
    m_window.setStartupMessage(message);
    std::fprintf(stderr, "tenantry: %s\n", qPrintable(message));
    if (m_exitWhenReady)
        QCoreApplication::exit(1);
}

} // namespace Tenantry
