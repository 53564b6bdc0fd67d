#include "ui/cohorttablemodel.h"

#include <QColor>
#include <QDate>
#include <QLocale>

#include <algorithm>

namespace Tenantry {

namespace {

double shade(double retention)
{
    return std::clamp((retention - 0.5) / 0.6, 0.0, 1.0);
}

} // namespace

CohortTableModel::CohortTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void CohortTableModel::setCohorts(std::vector<CohortRow> cohorts,
                                  std::vector<std::vector<QString>> customers)
{
    beginResetModel();
    m_cohorts = std::move(cohorts);
    m_customers = std::move(customers);
    if (m_customers.size() != m_cohorts.size())
        m_customers.clear();
    m_offsets = 0;
    for (const CohortRow &row : m_cohorts)
        m_offsets = std::max(m_offsets, static_cast<int>(row.cells.size()));
    endResetModel();
}

void CohortTableModel::setMeasure(Measure measure)
{
    if (measure == m_measure)
        return;
    m_measure = measure;
    if (rowCount() > 0 && columnCount() > FirstOffset) {
        Q_EMIT dataChanged(index(0, FirstOffset), index(rowCount() - 1, columnCount() - 1));
    }
}

int CohortTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_cohorts.size());
}

int CohortTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FirstOffset + m_offsets;
}

const CohortCell *CohortTableModel::cellAt(const QModelIndex &index) const
{
    if (index.column() < FirstOffset)
        return nullptr;
    const CohortRow &row = m_cohorts.at(static_cast<std::size_t>(index.row()));
    const auto offset = static_cast<std::size_t>(index.column() - FirstOffset);
    return offset < row.cells.size() ? &row.cells[offset] : nullptr;
}

QVariant CohortTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CohortRow &row = m_cohorts.at(static_cast<std::size_t>(index.row()));
    const auto rowIndex = static_cast<std::size_t>(index.row());
    if (index.column() == Cohort) {
        if (role == Qt::DisplayRole) {
            return QLocale().toString(QDate(row.month.year(), row.month.month(), 1),
                                      QStringLiteral("MMM yyyy"));
        }
        if (role == Qt::ToolTipRole)
            return customersTip(rowIndex);
        if (role == CustomerNamesRole) {
            return rowIndex < m_customers.size()
                       ? QStringList(m_customers[rowIndex].begin(), m_customers[rowIndex].end())
                       : QStringList();
        }
        return {};
    }
    if (index.column() == Customers) {
        if (role == Qt::DisplayRole)
            return QLocale().toString(static_cast<qint64>(row.customers));
        if (role == Qt::ToolTipRole)
            return customersTip(rowIndex);
        if (role == Qt::TextAlignmentRole)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    const CohortCell *cell = cellAt(index);
    if (!cell)
        return {};
    std::optional<double> retention;
    if (row.customers > 0) {
        retention = m_measure == Measure::NetMrr ? cell->mrrRetention
                                                 : std::optional<double>(cell->logoRetention);
    }
    switch (role) {
    case Qt::DisplayRole:
        if (!retention)
            return QStringLiteral("\u2013");
        return QString(QLocale().toString(*retention * 100.0, 'f', 0) + QLocale().percent());
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignCenter);
    case Qt::BackgroundRole: {
        if (!retention)
            return {};
        // White at 50 % and below, full green at 110 % and above: where retention differs.
        const double share = shade(*retention);
        const auto mix = [share](int from, int to) {
            return static_cast<int>(from + (to - from) * share);
        };
        return QColor(mix(0xff, 0x2e), mix(0xff, 0x7d), mix(0xff, 0x32));
    }
    case Qt::ForegroundRole:
        if (retention && shade(*retention) > 0.55)
            return QColor(Qt::white);
        return {};
    case Qt::ToolTipRole:
        return tr("%1 of %2 customers still paying")
            .arg(QLocale().toString(static_cast<qint64>(cell->activeCustomers)),
                 QLocale().toString(static_cast<qint64>(row.customers)));
    case RetentionRole:
        return retention ? QVariant(*retention) : QVariant();
    case MrrRole:
        return QVariant::fromValue(static_cast<qint64>(cell->mrr));
    case ActiveCustomersRole:
        return QVariant::fromValue(static_cast<qint64>(cell->activeCustomers));
    default:
        return {};
    }
}

QString CohortTableModel::customersTip(std::size_t row) const
{
    if (row >= m_customers.size() || m_customers[row].empty())
        return {};
    const std::vector<QString> &names = m_customers[row];
    const auto shown = std::min<std::size_t>(names.size(), tooltipNames);
    QStringList lines(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(shown));
    if (names.size() > shown) {
        lines.append(tr("and %Ln more", nullptr, static_cast<int>(names.size() - shown)));
    }
    return lines.join(QLatin1Char('\n'));
}

QVariant CohortTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Cohort:
        return tr("Cohort");
    case Customers:
        return tr("Customers");
    default:
        return tr("Month %1").arg(section - FirstOffset);
    }
}

} // namespace Tenantry
