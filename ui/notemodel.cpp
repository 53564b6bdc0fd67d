#include "ui/notemodel.h"

#include "ui/displayformat.h"

namespace Tenantry {

NoteModel::NoteModel(QObject *parent)
    : RecordTableModel<Note>(parent)
{}

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
        return QString::fromStdString(record.authorId);
    case BodyColumn:
        return QString::fromStdString(record.body);
    default:
        return {};
    }
}

} // namespace Tenantry
