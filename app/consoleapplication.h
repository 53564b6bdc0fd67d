#pragma once

// Wires the console together: the API client, the bundled demo server and the main window.
// `tenantry --demo` starts tenantryd --demo, waits for it without blocking, signs in as the demo
// admin with the password from the server's demo-credentials.json and shows the main window on
// Tenants; it stops the server (SIGTERM) when the console quits. Without --demo the session saved
// in the keychain for the server profile used last is resumed (SessionKeeper); when there is
// none, or the keychain cannot be read, the sign-in dialog comes first and says why. Signing in
// saves the new token in the keychain, signing out removes it.

#include "app/demoserver.h"
#include "client/apiclient.h"
#include "client/credentialstore.h"
#include "client/serverprofiles.h"
#include "client/sessionkeeper.h"
#include "ui/mainwindow.h"

#include <QObject>
#include <QPointer>

namespace Tenantry {

class ConsoleApplication : public QObject
{
    Q_OBJECT

public:
    explicit ConsoleApplication(QObject *parent = nullptr);

    // `exitWhenReady`: quit (status 0) once signed in and the tenants are counted, or with
    // status 1 on failure; the status is also printed (for scripts and tests).
    void startDemo(const QString &dataDir, bool exitWhenReady);
    // --demo --screenshot <folder>: the demo, then ScreenshotTour, then quit (1 on failure).
    void startScreenshots(const QString &dataDir, const QString &folder);
    // Resumes the saved session of the profile used last, or shows the sign-in dialog; quits
    // when that is cancelled before any session.
    void startSignedIn();
    MainWindow *window() { return &m_window; }
    // After the event loop: stops the demo server and waits for it.
    void shutdown();

    static QString demoEmail(); // admin@demo.tenantry.dev

private:
    void signIn(const QUrl &baseUrl);
    void showSignIn(const QString &reason);
    void countTenants();
    void report(const QString &status);
    void fail(const QString &message);

    ApiClient m_client;
    DemoServer m_demo;
    MainWindow m_window{&m_client};
    ServerProfiles m_profiles;
    CredentialStore m_credentials;
    SessionKeeper m_keeper{&m_client, &m_profiles, &m_credentials};
    QString m_email;
    bool m_exitWhenReady = false;
    bool m_screenshots = false;
};

} // namespace Tenantry
