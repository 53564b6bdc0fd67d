#pragma once

#include "client/note.h"
#include "ui/recordtablemodel.h"

namespace Tenantry {

// The support notes left on a tenant, newest first (GET /v1/tenants/{id}/notes).
class NoteModel : public RecordTableModel<Note>
{
    Q_OBJECT

public:
    enum Column { CreatedColumn, AuthorColumn, BodyColumn, ColumnCount };

    explicit NoteModel(QObject *parent = nullptr);

    // Notes by this user show "You" as their author.
    void setCurrentUserId(const std::string &userId);

protected:
    int columnTotal() const override { return ColumnCount; }
    QString header(int column) const override;
    QVariant cell(const Note &record, int column, int role) const override;

private:
    std::string m_currentUserId;
};

} // namespace Tenantry
