// CohortTableModel over the hand-checked data set's usd cohorts (core's computeCohorts): under
// QAbstractItemModelTester, every cell's retention equals expected-usd-cohorts.csv in both
// measures, undefined cells show a dash, toggling the measure announces the change, and the
// cohort's customers are named in a tooltip, at most CohortTableModel::tooltipNames of them.

#include "core/metrics/cohorts.h"
#include "core/metrics/metricsformat.h"
#include "core/metrics/mrrledger.h"
#include "tests/common/testsupport.h"
#include "ui/cohorttablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace Tenantry;
using namespace Tenantry::TestSupport;

class TestCohortTableModel : public QObject
{
    Q_OBJECT

private:
    CohortTableModel m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        m_tester = std::make_unique<QAbstractItemModelTester>(
            &m_model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const std::vector<MrrEvent> events = loadEvents(dataPath("handchecked/events.jsonl"));
        const Result<MrrLedger> ledger = MrrLedger::build(events, *Currency::fromCode("usd"));
        QVERIFY(ledger);
        Result<std::vector<CohortRow>> cohorts = computeCohorts(*ledger);
        QVERIFY(cohorts);
        m_model.setCohorts(std::move(cohorts).value());
    }

    void cellsEqualTheExpectedTable()
    {
        const CsvTable table = parseCsv(readText(dataPath("handchecked/expected-usd-cohorts.csv")));
        QCOMPARE(table[0][0], std::string("cohort"));
        for (const auto measure :
             {CohortTableModel::Measure::NetMrr, CohortTableModel::Measure::Logo}) {
            m_model.setMeasure(measure);
            const std::size_t column = measure == CohortTableModel::Measure::NetMrr ? 5 : 6;
            for (std::size_t r = 1; r < table.size(); ++r) {
                const auto &line = table[r];
                int row = -1;
                for (int i = 0; i < m_model.rowCount(); ++i) {
                    if (m_model.cohorts()[static_cast<std::size_t>(i)].month.toString() == line[0])
                        row = i;
                }
                QVERIFY2(row >= 0, line[0].c_str());
                const QModelIndex index = m_model.index(row,
                                                        CohortTableModel::FirstOffset
                                                            + std::stoi(line[1]));
                QCOMPARE(index.data(CohortTableModel::MrrRole).toLongLong(), std::stoll(line[4]));
                QCOMPARE(index.data(CohortTableModel::ActiveCustomersRole).toLongLong(),
                         std::stoll(line[3]));
                const QVariant retention = index.data(CohortTableModel::RetentionRole);
                if (line[column].empty()) {
                    QVERIFY(!retention.isValid());
                    QCOMPARE(index.data().toString(), QStringLiteral("\u2013"));
                } else {
                    QCOMPARE(formatRatio(retention.toDouble()), line[column]);
                    QVERIFY(index.data().toString().endsWith(u'%'));
                }
                QCOMPARE(m_model.index(row, CohortTableModel::Customers).data().toString(),
                         QString::fromStdString(line[2]));
            }
        }
    }

    void toggleAnnouncesTheChange()
    {
        m_model.setMeasure(CohortTableModel::Measure::NetMrr);
        QSignalSpy changed(&m_model, &QAbstractItemModel::dataChanged);
        m_model.setMeasure(CohortTableModel::Measure::Logo);
        QCOMPARE(changed.count(), 1);
        m_model.setMeasure(CohortTableModel::Measure::Logo);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(m_model.headerData(CohortTableModel::FirstOffset + 2, Qt::Horizontal).toString(),
                 QStringLiteral("Month 2"));
    }
    void tooltipNamesTheCohortsCustomers()
    {
        CohortTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        std::vector<CohortRow> cohorts = m_model.cohorts();
        std::vector<std::vector<QString>> customers(cohorts.size());
        for (int i = 0; i < CohortTableModel::tooltipNames + 3; ++i)
            customers[0].push_back(QStringLiteral("Tenant %1").arg(i, 2, 10, QLatin1Char('0')));
        customers[1] = {QStringLiteral("Solo")};
        model.setCohorts(cohorts, customers);
        const QString tip = model.index(0, CohortTableModel::Cohort).data(Qt::ToolTipRole).toString();
        const QStringList lines = tip.split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), CohortTableModel::tooltipNames + 1);
        QCOMPARE(lines.first(), QStringLiteral("Tenant 00"));
        QCOMPARE(lines.last(), QStringLiteral("and 3 more"));
        QCOMPARE(model.index(1, CohortTableModel::Customers).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("Solo"));
        QCOMPARE(model.index(1, CohortTableModel::Cohort)
                     .data(CohortTableModel::CustomerNamesRole)
                     .toStringList(),
                 QStringList{QStringLiteral("Solo")});
        // No tooltip where no names are known, nor with a list that does not match the cohorts.
        QVERIFY(model.index(2, CohortTableModel::Cohort).data(Qt::ToolTipRole).toString().isEmpty());
        model.setCohorts(cohorts, {{QStringLiteral("Stray")}});
        QVERIFY(model.index(0, CohortTableModel::Cohort).data(Qt::ToolTipRole).toString().isEmpty());
    }
};

QTEST_MAIN(TestCohortTableModel)
#include "testcohorttablemodel.moc"
