#pragma once

// For docs/screenshots (tenantry --demo --screenshot <dir>): once the session has started, shows
// the Tenants, Plans, Dashboard, Audit log and Billing pages, the command palette and the sign-in dialog
// in turn, waits for each one's data, saves it as a PNG and emits finished(). Driven by a timer;
// nothing waits on the GUI thread.

#include <QDir>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <vector>

namespace Tenantry {

class MainWindow;
class PlanDialog;

class ScreenshotTour : public QObject
{
    Q_OBJECT

public:
    ScreenshotTour(MainWindow *window, const QString &directory, QObject *parent = nullptr);

    void start();
    bool hasError() const { return !m_error.isEmpty(); }
    QString errorMessage() const { return m_error; }

Q_SIGNALS:
    void finished();

private:
    struct Step
    {
        QString fileName;
        std::function<void()> prepare;
        std::function<bool()> isReady;
        std::function<QPixmap()> grab;
    };
    void poll();
    QPixmap grabWindow() const;

    MainWindow *m_window;
    QDir m_directory;
    std::vector<Step> m_steps;
    std::size_t m_current = 0;
    bool m_prepared = false;
    int m_polls = 0;
    int m_settle = 0;
    QTimer m_timer;
    QString m_error;
    QPointer<PlanDialog> m_planDialog;
    bool m_billingStarted = false;
    int m_billingRefreshes = 0;
    bool m_billingReconciled = false;
};

} // namespace Tenantry
