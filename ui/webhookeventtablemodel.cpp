#include "ui/webhookeventtablemodel.h"

#include "ui/displayformat.h"
#include "ui/statusbadge.h"

namespace Tenantry {

namespace {

StatusBadge::Tone toneOf(const std::string &status)
{
    if (status == "processed")
        return StatusBadge::Tone::Good;
    if (status == "pending")
        return StatusBadge::Tone::Warning;
    if (status == "dead")
        return StatusBadge::Tone::Bad;
    return StatusBadge::Tone::Neutral;
}

qlonglong sortKey(Timestamp timestamp)
{
    return static_cast<qlonglong>(timestamp.time_since_epoch().count());
}

} // namespace

WebhookEventTableModel::WebhookEventTableModel(QObject *parent)
    : RecordTableModel<WebhookEvent>(parent)
{}

QString WebhookEventTableModel::statusText(const std::string &status)
{
    if (status == "pending")
        return tr("Pending");
    if (status == "processed")
        return tr("Processed");
    if (status == "ignored")
        return tr("Ignored");
    if (status == "dead")
        return tr("Dead");
    return QString::fromStdString(status);
}

QString WebhookEventTableModel::header(int column) const
{
    switch (column) {
    case Type:
        return tr("Event type");
    case Created:
        return tr("Created");
    case Status:
        return tr("Status");
    case Attempts:
        return tr("Failures"); // failed processing attempts (the API's `attempts`)
    case LastError:
        return tr("Last error");
    case NextAttempt:
        return tr("Next attempt");
    default:
        return {};
    }
}

QVariant WebhookEventTableModel::cell(const WebhookEvent &record, int column, int role) const
{
    switch (role) {
    case EventIdRole:
        return QString::fromStdString(record.id);
    case StatusRole:
        return QString::fromStdString(record.status);
    case ToneRole:
        return static_cast<int>(toneOf(record.status));
    case Qt::ToolTipRole:
        if (column == LastError && record.lastError)
            return QString::fromStdString(*record.lastError);
        if (column == Type)
            return QString::fromStdString(record.id);
        return {};
    case Qt::TextAlignmentRole:
        if (column == Attempts)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        switch (column) {
        case Created:
            return sortKey(record.created);
        case Attempts:
            return static_cast<qlonglong>(record.attempts);
        case NextAttempt:
            return record.nextAttemptAt ? sortKey(*record.nextAttemptAt) : QVariant(qlonglong(0));
        default:
            return cell(record, column, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (column) {
        case Type:
            return QString::fromStdString(record.type);
        case Created:
            return DisplayFormat::dateTime(record.created);
        case Status:
            return statusText(record.status);
        case Attempts:
            return QLocale().toString(static_cast<qlonglong>(record.attempts));
        case LastError:
            return record.lastError ? QString::fromStdString(*record.lastError) : QString();
        case NextAttempt:
            return record.nextAttemptAt ? DisplayFormat::dateTime(*record.nextAttemptAt)
                                        : QString();
        default:
            return {};
        }
    default:
        return {};
    }
}

} // namespace Tenantry
