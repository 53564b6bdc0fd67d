#include "ui/tenantconflictdialog.h"

#include "ui/displayformat.h"

#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Tenantry {

namespace {

QString optionalText(const std::optional<std::string> &value)
{
    return value ? QString::fromStdString(*value) : QString();
}

QString patchText(const std::optional<std::optional<QString>> &value)
{
    return value && *value ? **value : QString();
}

} // namespace

TenantConflictDialog::TenantConflictDialog(const Tenant &loaded,
                                           const TenantPatch &patch,
                                           const Tenant &current,
                                           QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("tenantConflictDialog"));
    setWindowTitle(tr("The tenant was changed meanwhile"));
    setAttribute(Qt::WA_DeleteOnClose);
    setModal(true);

    struct Row
    {
        QString field;
        QString loaded;
        QString server;
        bool set;
        QString yours;
    };
    const std::vector<Row> rows = {
        {tr("Name"),
         QString::fromStdString(loaded.name),
         QString::fromStdString(current.name),
         patch.name.has_value(),
         patch.name.value_or(QString())},
        {tr("Slug"),
         QString::fromStdString(loaded.slug),
         QString::fromStdString(current.slug),
         patch.slug.has_value(),
         patch.slug.value_or(QString())},
        {tr("Region"),
         QString::fromStdString(loaded.region),
         QString::fromStdString(current.region),
         patch.region.has_value(),
         patch.region.value_or(QString())},
        {tr("Placement"),
         DisplayFormat::isolation(loaded.isolation),
         DisplayFormat::isolation(current.isolation),
         patch.isolation.has_value(),
         patch.isolation ? DisplayFormat::isolation(*patch.isolation) : QString()},
        {tr("Contact email"),
         optionalText(loaded.contactEmail),
         optionalText(current.contactEmail),
         patch.contactEmail.has_value(),
         patchText(patch.contactEmail)},
        {tr("Notes"),
         optionalText(loaded.notes),
         optionalText(current.notes),
         patch.notes.has_value(),
         patchText(patch.notes)},
    };

    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Someone changed this tenant on the server after you opened it. "
                                "Compare your changes with the server's version, then reapply "
                                "yours on top of it or keep the server's."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *grid = new QGridLayout;
    const auto header = [this](const QString &text) {
        auto *label = new QLabel(QStringLiteral("<b>") + text.toHtmlEscaped()
                                     + QStringLiteral("</b>"),
                                 this);
        return label;
    };
    grid->addWidget(header(tr("Field")), 0, 0);
    grid->addWidget(header(tr("Yours")), 0, 1);
    grid->addWidget(header(tr("Server's")), 0, 2);
    int line = 1;
    for (const Row &row : rows) {
        const bool changedOnServer = row.loaded != row.server;
        if (!row.set && !changedOnServer)
            continue;
        m_fields.append(row.field);
        auto *field = new QLabel(row.field
                                     + (changedOnServer ? tr(" (changed on the server)")
                                                        : QString()),
                                 this);
        auto *yours = new QLabel(row.set ? row.yours : tr("(unchanged)"), this);
        auto *server = new QLabel(row.server, this);
        yours->setObjectName(QStringLiteral("yours_%1").arg(line));
        server->setObjectName(QStringLiteral("server_%1").arg(line));
        for (QLabel *label : {field, yours, server})
            label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        grid->addWidget(field, line, 0);
        grid->addWidget(yours, line, 1);
        grid->addWidget(server, line, 2);
        ++line;
    }
    layout->addLayout(grid);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *reapply = buttons->addButton(tr("Reapply my changes"),
                                              QDialogButtonBox::AcceptRole);
    reapply->setObjectName(QStringLiteral("reapplyButton"));
    QPushButton *keep = buttons->addButton(tr("Keep the server's version"),
                                           QDialogButtonBox::RejectRole);
    keep->setObjectName(QStringLiteral("keepServerButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

} // namespace Tenantry
