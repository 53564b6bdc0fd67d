#include "ui/tenantdetailview.h"

#include <QLabel>
#include <QVBoxLayout>

namespace Tenantry {

TenantDetailView::TenantDetailView(ApiClient *client, const User &me, QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
{
    Q_UNUSED(client)
    Q_UNUSED(me)
    setObjectName(QStringLiteral("tenantDetailView"));
    m_label->setObjectName(QStringLiteral("tenantDetailLabel"));
    m_label->setAlignment(Qt::AlignCenter);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_label);
}

void TenantDetailView::showTenant(const QString &tenantId)
{
    m_label->setText(tr("Tenant %1").arg(tenantId));
}

} // namespace Tenantry
