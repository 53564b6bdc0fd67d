// The console's tenants list at scale (bench/console/run-console-bench starts the server):
// signs in, then loads every tenant through TenantTableModel into a QTableView the way a user
// scrolling to the end would (the view asks fetchMore()), while a 1 ms heartbeat timer on the
// GUI thread records the longest gap between its ticks: the longest the GUI was unresponsive.
//
// Prints one line per figure:
//   first_paint_ms   process launch (--launched-at-ns, CLOCK_REALTIME) to the first paint of the
//                    main window (before any server call): the console's cold start
//   rows             tenants loaded
//   load_ms          first page requested to the last page in the model
//   max_stall_ms     longest heartbeat gap minus the 1 ms period, while loading
//   stalls_over_16ms how many gaps exceeded a frame (16 ms), and the rows loaded at each
//   peak_rss_mib     the process's peak resident set size (getrusage)
//
// Usage: bench_tenant_model --url URL --email E --password-file F [--launched-at-ns NS]
// Run it offscreen (QT_QPA_PLATFORM=offscreen) or under Xvfb.

#include "client/apiclient.h"
#include "client/signinjob.h"
#include "client/tenantquery.h"
#include "ui/mainwindow.h"
#include "ui/tenanttablemodel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QTableView>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>

using namespace Tenantry;

namespace {

qint64 realtimeNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Calls `painted` once, at the first paint event of the watched widget.
class FirstPaintWatcher : public QObject
{
public:
    FirstPaintWatcher(QWidget *widget, std::function<void()> painted)
        : QObject(widget)
        , m_painted(std::move(painted))
    {
        widget->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && m_painted) {
            auto painted = std::move(m_painted);
            m_painted = nullptr;
            painted();
        }
        return QObject::eventFilter(watched, event);
    }

private:
    std::function<void()> m_painted;
};

// The longest gap between ticks of a 1 ms timer, and the gaps longer than a frame (with the
// value of `progress()` when each ended).
class Heartbeat : public QObject
{
public:
    Heartbeat(std::function<int()> progress, QObject *parent)
        : QObject(parent)
        , m_progress(std::move(progress))
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            const qint64 gap = now - m_lastNs;
            m_longestGapNs = std::max(m_longestGapNs, gap);
            if (gap > frameNs)
                m_longGaps.push_back({gap, m_progress()});
            m_lastNs = now;
        });
    }
    QString longGaps() const
    {
        QStringList parts;
        for (const auto &[gapNs, progress] : m_longGaps)
            parts << QStringLiteral("%1 ms at %2").arg(double(gapNs) / 1e6, 0, 'f', 1).arg(progress);
        return QString::number(m_longGaps.size()) + QStringLiteral(" (")
               + parts.join(QStringLiteral(", ")) + QLatin1Char(')');
    }
    void start()
    {
        m_clock.start();
        m_lastNs = 0;
        m_longestGapNs = 0;
        m_longGaps.clear();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    double longestStallMs() const
    {
        return std::max(0.0, double(m_longestGapNs) / 1e6 - double(m_timer.interval()));
    }

private:
    static constexpr qint64 frameNs = 16000000;
    std::function<int()> m_progress;
    std::vector<std::pair<qint64, int>> m_longGaps;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    qint64 m_longestGapNs = 0;
};

void fail(const QString &message)
{
    std::fprintf(stderr, "bench_tenant_model: %s\n", qPrintable(message));
    QCoreApplication::exit(1);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption url(QStringLiteral("url"),
                                 QStringLiteral("server"),
                                 QStringLiteral("URL"));
    const QCommandLineOption email(QStringLiteral("email"),
                                   QStringLiteral("user"),
                                   QStringLiteral("E"));
    const QCommandLineOption passwordFile(QStringLiteral("password-file"),
                                          QStringLiteral("file holding the password"),
                                          QStringLiteral("F"));
    const QCommandLineOption launchedAt(QStringLiteral("launched-at-ns"),
                                        QStringLiteral("launch time, ns since the epoch"),
                                        QStringLiteral("NS"));
    parser.addOptions({url, email, passwordFile, launchedAt});
    parser.addHelpOption();
    parser.process(app);
    QFile secret(parser.value(passwordFile));
    if (!parser.isSet(url) || !parser.isSet(email) || !secret.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr,
                     "bench_tenant_model: --url, --email and a readable --password-file "
                     "are required\n");
        return 2;
    }
    const QString password = QString::fromUtf8(secret.readAll()).trimmed();
    const qint64 launchedAtNs = parser.value(launchedAt).toLongLong();

    ApiClient client(QUrl(parser.value(url)));
    MainWindow window(&client);
    new FirstPaintWatcher(&window, [launchedAtNs] {
        if (launchedAtNs > 0)
            std::printf("first_paint_ms %.1f\n", double(realtimeNs() - launchedAtNs) / 1e6);
    });
    window.setStartupMessage(QStringLiteral("Benchmark"));
    window.show();

    TenantTableModel model(&client);
    QTableView view;
    view.setModel(&model);
    view.horizontalHeader()->setStretchLastSection(true);
    view.resize(1200, 800);
    view.show();

    Heartbeat heartbeat([&model] { return model.rowCount(); }, &app);
    QElapsedTimer loading;
    QObject::connect(&model, &TenantTableModel::errorOccurred, &app, [](const ApiError &error) {
        fail(error.message());
    });
    QObject::connect(&model, &TenantTableModel::pageLoaded, &app, [&] {
        if (model.hasLoadedAll()) {
            const qint64 elapsed = loading.elapsed();
            heartbeat.stop();
            rusage usage{};
            getrusage(RUSAGE_SELF, &usage);
            std::printf("rows %d\nload_ms %lld\nmax_stall_ms %.1f\nstalls_over_16ms %s\n"
                        "peak_rss_mib %.1f\n",
                        model.rowCount(),
                        static_cast<long long>(elapsed),
                        heartbeat.longestStallMs(),
                        qPrintable(heartbeat.longGaps()),
                        double(usage.ru_maxrss) / 1024.0);
            std::fflush(stdout);
            QCoreApplication::exit(0);
            return;
        }
        // What a user holding End does: the view asks for the next page.
        QTimer::singleShot(0, &view, [&view] { view.scrollToBottom(); });
    });

    auto *signIn = new SignInJob(&client, parser.value(email), password, &app);
    QObject::connect(signIn, &ApiJob::finished, &app, [&, signIn] {
        if (signIn->hasError()) {
            fail(signIn->error()->message());
            return;
        }
        client.setToken(signIn->session().token);
        heartbeat.start();
        loading.start();
        model.setQuery(TenantQuery{});
    });
    signIn->start();
    return QApplication::exec();
}
