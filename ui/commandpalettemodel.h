#pragma once

// The entries of the command palette: the main window's actions (views and commands) whose
// text matches the filter, then the tenants the server found for it.

#include <QAbstractListModel>
#include <QList>
#include <QPointer>

class QAction;

namespace Tenantry {

class CommandPaletteModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role { TenantIdRole = Qt::UserRole + 1, KindRole };
    enum class Kind { Action, Tenant };

    explicit CommandPaletteModel(QObject *parent = nullptr);

    void setActions(const QList<QAction *> &actions);
    // Keeps the actions whose text contains every word of `filter`, in their order.
    void setFilter(const QString &filter);
    // (tenant id, name) pairs found by the server for the current filter.
    void setTenants(const QList<QPair<QString, QString>> &tenants);

    QAction *actionAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    struct Entry
    {
        QPointer<QAction> action;
        QString tenantId;
        QString text;
    };
    void rebuild();

    QList<QPointer<QAction>> m_actions;
    QList<QPair<QString, QString>> m_tenants;
    QString m_filter;
    QList<Entry> m_entries;
};

} // namespace Tenantry
