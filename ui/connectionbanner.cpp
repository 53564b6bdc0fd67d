#include "ui/connectionbanner.h"

#include "client/apiclient.h"
#include "client/getmejob.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

namespace Tenantry {

namespace {

constexpr int firstDelaySeconds = 2;
constexpr int maxDelaySeconds = 30;

} // namespace

ConnectionBanner::ConnectionBanner(ApiClient *client, QWidget *parent)
    : QFrame(parent)
    , m_client(client)
    , m_text(new QLabel(this))
    , m_retry(new QPushButton(tr("Retry now"), this))
{
    setObjectName(QStringLiteral("connectionBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    auto *icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(size, size));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retry->setObjectName(QStringLiteral("retryButton"));
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_retry);
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, &ConnectionBanner::tick);
    connect(m_retry, &QPushButton::clicked, this, &ConnectionBanner::retryNow);
    hide();
}

void ConnectionBanner::reportUnreachable(const ApiError &error)
{
    m_reason = error.message();
    if (!m_unreachable) {
        m_unreachable = true;
        m_delaySeconds = firstDelaySeconds;
        m_remaining = m_delaySeconds;
        m_countdown.start();
    }
    updateText();
    show();
}

void ConnectionBanner::tick()
{
    if (m_job)
        return;
    if (--m_remaining <= 0)
        retryNow();
    else
        updateText();
}

void ConnectionBanner::updateText()
{
    if (m_job) {
        m_text->setText(tr("The server cannot be reached (%1). Checking again\u2026").arg(m_reason));
        return;
    }
    m_text->setText(tr("The server cannot be reached (%1). Checking again in %Ln second(s); "
                       "your work on this screen is kept.",
                       nullptr,
                       m_remaining)
                        .arg(m_reason));
}

void ConnectionBanner::retryNow()
{
    if (m_job)
        return;
    auto *job = new GetMeJob(m_client, this);
    job->setMaxRetries(0);
    job->setTimeoutMs(10000);
    m_job = job;
    connect(job, &ApiJob::finished, this, [this, job] {
        m_job.clear();
        const bool unreachable = job->hasError()
                                 && (job->error()->kind() == ApiError::Kind::Network
                                     || job->error()->kind() == ApiError::Kind::Timeout
                                     || job->error()->httpStatus() == 503);
        if (unreachable) {
            m_reason = job->error()->message();
            m_delaySeconds = std::min(m_delaySeconds * 2, maxDelaySeconds);
            m_remaining = m_delaySeconds;
            updateText();
            return;
        }
        m_unreachable = false;
        m_countdown.stop();
        hide();
        if (!job->hasError())
            Q_EMIT reconnected(job->user());
    });
    job->start();
    updateText();
}

} // namespace Tenantry
