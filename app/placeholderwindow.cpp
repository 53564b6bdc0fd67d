#include "app/placeholderwindow.h"

namespace Tenantry {

PlaceholderWindow::PlaceholderWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_status(new QLabel(this))
{
    setWindowTitle(tr("Tenantry"));
    m_status->setAlignment(Qt::AlignCenter);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setMargin(24);
    setCentralWidget(m_status);
    resize(640, 400);
}

void PlaceholderWindow::setStatus(const QString &text)
{
    m_status->setText(text);
}

QString PlaceholderWindow::status() const
{
    return m_status->text();
}

} // namespace Tenantry
