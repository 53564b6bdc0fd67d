// The access log's buffered writer: every line reaches the sink once and whole, flush() and
// close() wait for it, and the writer thread writes on its own within the flush interval.

#include "server/http/bufferedlinewriter.h"

#include <QtTest>

#include <chrono>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

using Tenantry::Server::BufferedLineWriter;
using namespace std::chrono_literals;

namespace {

struct Sink
{
    std::mutex mutex;
    std::string text;
    int calls = 0;

    BufferedLineWriter::Sink function()
    {
        return [this](std::string_view chunk) {
            const std::lock_guard lock(mutex);
            text.append(chunk);
            ++calls;
        };
    }
    std::string contents()
    {
        const std::lock_guard lock(mutex);
        return text;
    }
};

} // namespace

class TestBufferedLineWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void closeWritesEveryLineOnce()
    {
        Sink sink;
        constexpr int Threads = 4;
        constexpr int PerThread = 2000;
        {
            BufferedLineWriter writer(sink.function(), 10s, 512);
            std::vector<std::thread> threads;
            threads.reserve(Threads);
            for (int t = 0; t < Threads; ++t) {
                threads.emplace_back([&writer, t] {
                    for (int i = 0; i < PerThread; ++i)
                        writer.write("line " + std::to_string(t) + "-" + std::to_string(i));
                });
            }
            for (auto &thread : threads)
                thread.join();
            writer.close(); // the interval is long: only close() can have written the rest
        }
        std::set<std::string> lines;
        std::size_t count = 0;
        const std::string text = sink.contents();
        QVERIFY(text.ends_with('\n'));
        std::size_t start = 0;
        while (start < text.size()) {
            const std::size_t end = text.find('\n', start);
            lines.insert(text.substr(start, end - start));
            ++count;
            start = end + 1;
        }
        QCOMPARE(count, std::size_t{Threads} * PerThread);
        QCOMPARE(lines.size(), std::size_t{Threads} * PerThread);
        QVERIFY(lines.count("line 3-1999") == 1);
    }

    void flushWaitsForTheSink()
    {
        Sink sink;
        BufferedLineWriter writer(sink.function(), 10s);
        writer.write("first");
        writer.flush();
        QCOMPARE(sink.contents(), std::string("first\n"));
        writer.flush(); // nothing new: returns at once
        QCOMPARE(sink.calls, 1);
    }

    void theIntervalWritesWithoutAFlush()
    {
        Sink sink;
        BufferedLineWriter writer(sink.function(), 20ms);
        writer.write("soon");
        QTRY_COMPARE_WITH_TIMEOUT(sink.contents(), std::string("soon\n"), 5000);
    }

    void linesAfterCloseStillArrive()
    {
        Sink sink;
        BufferedLineWriter writer(sink.function());
        writer.close();
        writer.write("late");
        QCOMPARE(sink.contents(), std::string("late\n"));
    }
};

QTEST_APPLESS_MAIN(TestBufferedLineWriter)

#include "testbufferedlinewriter.moc"
