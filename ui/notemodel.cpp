#include "ui/notemodel.h"

#include "ui/displayformat.h"

namespace Tenantry {

NoteModel::NoteModel(QObject *parent)
    : RecordTableModel<Note>(parent)
{}

void NoteModel::setCurrentUserId(const std::string &userId)
{
    m_currentUserId = userId;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, AuthorColumn), index(rowCount() - 1, AuthorColumn));
}

QString NoteModel::header(int column) const
{
    switch (column) {
    case CreatedColumn:
        return tr("Written");
    case AuthorColumn:
        return tr("Author");
    case BodyColumn:
        return tr("Note");
    default:
        return {};
    }
}

QVariant NoteModel::cell(const Note &record, int column, int role) const
{
    if (role == Qt::ToolTipRole && column == BodyColumn)
        return QString::fromStdString(record.body);
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case CreatedColumn:
        return DisplayFormat::dateTime(record.createdAt);
    case AuthorColumn:
        if (!m_currentUserId.empty() && record.authorId == m_currentUserId)
            return tr("You");
        return QString::fromStdString(record.authorId);
    case BodyColumn:
        return QString::fromStdString(record.body);
    default:
        return {};
    }
}

} // namespace Tenantry
