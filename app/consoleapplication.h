#pragma once

// Wires the console together: the API client, the bundled demo server and the main window.
// `tenantry --demo` starts tenantryd --demo, waits for it without blocking, signs in as the demo
// admin with the password from the server's demo-credentials.json and shows the main window on
// Tenants; it stops the server (SIGTERM) when the console quits. Without --demo the sign-in
// dialog comes first.

#include "app/demoserver.h"
#include "client/apiclient.h"
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
    // The sign-in dialog; quits when it is cancelled before any session.
    void showSignIn();
    MainWindow *window() { return &m_window; }
    // After the event loop: stops the demo server and waits for it.
    void shutdown();

    static QString demoEmail(); // admin@demo.tenantry.dev

private:
    void signIn(const QUrl &baseUrl);
    void countTenants();
    void report(const QString &status);
    void fail(const QString &message);

    ApiClient m_client;
    DemoServer m_demo;
    MainWindow m_window{&m_client};
    QString m_email;
    bool m_exitWhenReady = false;
    bool m_screenshots = false;
};

} // namespace Tenantry
