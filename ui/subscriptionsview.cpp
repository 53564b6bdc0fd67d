#include "ui/subscriptionsview.h"

#include <QLabel>
#include <QVBoxLayout>

namespace Tenantry {

SubscriptionsView::SubscriptionsView(ApiClient *client, const User &me, QWidget *parent)
    : QWidget(parent)
{
    Q_UNUSED(client)
    Q_UNUSED(me)
    setObjectName(QStringLiteral("subscriptionsView"));
    auto *label = new QLabel(tr("Subscriptions"), this);
    label->setAlignment(Qt::AlignCenter);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
}

} // namespace Tenantry
