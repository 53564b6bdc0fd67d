#pragma once

// The strip above the views that says the server cannot be reached. While shown it checks the
// server again (GET /v1/me) on a timer that backs off from 2 to 30 seconds, or at once with
// "Retry now"; when the server answers it hides and emits reconnected() so that views retry what
// failed. Nothing the user typed is touched.

#include "client/apierror.h"
#include "client/user.h"

#include <QFrame>
#include <QPointer>
#include <QTimer>

class QLabel;
class QPushButton;

namespace Tenantry {

class ApiClient;
class GetMeJob;

class ConnectionBanner : public QFrame
{
    Q_OBJECT

public:
    explicit ConnectionBanner(ApiClient *client, QWidget *parent = nullptr);

    // Shows the banner for `error` (network or timeout) and starts checking.
    void reportUnreachable(const ApiError &error);
    bool isUnreachable() const { return m_unreachable; }
    void retryNow();

Q_SIGNALS:
    void reconnected(const Tenantry::User &me);

private:
    void tick();
    void updateText();

    ApiClient *m_client;
    QLabel *m_text;
    QPushButton *m_retry;
    QTimer m_countdown;
    QPointer<GetMeJob> m_job;
    QString m_reason;
    int m_delaySeconds = 2;
    int m_remaining = 0;
    bool m_unreachable = false;
};

} // namespace Tenantry
