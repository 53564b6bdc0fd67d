#include "ui/commandpalettemodel.h"

#include <QAction>

namespace Tenantry {

namespace {

QString plainText(const QAction *action)
{
    // The text without its mnemonic marks: "&&" is a literal ampersand, a lone "&" a mark.
    QString text = action->text();
    text.replace(QStringLiteral("&&"), QStringLiteral("\u0001"));
    text.remove(QLatin1Char('&'));
    text.replace(QChar(0x0001), QLatin1Char('&'));
    if (text.endsWith(QStringLiteral("\u2026")))
        text.chop(1);
    return text;
}

bool matches(const QString &text, const QString &filter)
{
    const QStringList words = filter.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &word : words) {
        if (!text.contains(word, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

} // namespace

CommandPaletteModel::CommandPaletteModel(QObject *parent)
    : QAbstractListModel(parent)
{}

void CommandPaletteModel::setActions(const QList<QAction *> &actions)
{
    m_actions.clear();
    for (QAction *action : actions)
        m_actions.append(action);
    rebuild();
}

void CommandPaletteModel::setFilter(const QString &filter)
{
    m_filter = filter.trimmed();
    m_tenants.clear();
    rebuild();
}

void CommandPaletteModel::setTenants(const QList<QPair<QString, QString>> &tenants)
{
    m_tenants = tenants;
    rebuild();
}

void CommandPaletteModel::rebuild()
{
    beginResetModel();
    m_entries.clear();
    for (const QPointer<QAction> &action : std::as_const(m_actions)) {
        if (!action || !action->isEnabled())
            continue;
        const QString text = plainText(action);
        if (matches(text, m_filter))
            m_entries.append({action, {}, text});
    }
    for (const auto &[id, name] : std::as_const(m_tenants))
        m_entries.append({nullptr, id, tr("Open tenant: %1").arg(name)});
    endResetModel();
}

QAction *CommandPaletteModel::actionAt(int row) const
{
    return row >= 0 && row < m_entries.size() ? m_entries.at(row).action.data() : nullptr;
}

int CommandPaletteModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

QVariant CommandPaletteModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole: {
        if (entry.action && !entry.action->shortcut().isEmpty())
            return tr("%1  (%2)")
                .arg(entry.text, entry.action->shortcut().toString(QKeySequence::NativeText));
        return entry.text;
    }
    case Qt::DecorationRole:
        return entry.action ? QVariant(entry.action->icon()) : QVariant();
    case TenantIdRole:
        return entry.tenantId;
    case KindRole:
        return static_cast<int>(entry.action ? Kind::Action : Kind::Tenant);
    default:
        return {};
    }
}

} // namespace Tenantry
