#include "ui/commandpalette.h"

#include "client/listtenantsjob.h"
#include "ui/commandpalettemodel.h"

#include <QAction>
#include <QFrame>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QVBoxLayout>

namespace Tenantry {

CommandPalette::CommandPalette(ApiClient *client, const QList<QAction *> &actions, QWidget *parent)
    : QDialog(parent, Qt::Popup | Qt::FramelessWindowHint)
    , m_client(client)
    , m_input(new QLineEdit(this))
    , m_list(new QListView(this))
    , m_model(new CommandPaletteModel(this))
{
    setObjectName(QStringLiteral("commandPalette"));
    m_input->setObjectName(QStringLiteral("paletteInput"));
    m_input->setPlaceholderText(tr("Go to a view, run a command or find a tenant\u2026"));
    m_list->setObjectName(QStringLiteral("paletteList"));
    m_list->setModel(m_model);
    m_list->setUniformItemSizes(true);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setFocusPolicy(Qt::NoFocus);
    m_list->setSpacing(1);
    m_model->setActions(actions);
    // A popup has no window frame: a frame of its own sets it apart from the page below.
    auto *frame = new QFrame(this);
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setFrameShadow(QFrame::Raised);
    auto *hint = new QLabel(tr("\u2191\u2193 choose \u00b7 Enter open \u00b7 Esc close"), frame);
    hint->setForegroundRole(QPalette::PlaceholderText);
    auto *inner = new QVBoxLayout(frame);
    inner->addWidget(m_input);
    inner->addWidget(m_list);
    inner->addWidget(hint);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(frame);
    resize(560, 360);

    m_searchTimer.setSingleShot(true);
    m_searchTimer.setInterval(searchDelayMs);
    connect(&m_searchTimer, &QTimer::timeout, this, &CommandPalette::searchTenants);
    connect(m_input, &QLineEdit::textChanged, this, &CommandPalette::filterChanged);
    connect(m_list, &QListView::activated, this, &CommandPalette::run);
    connect(m_list, &QListView::clicked, this, &CommandPalette::run);
    m_input->installEventFilter(this);
}

void CommandPalette::popup()
{
    m_input->clear();
    filterChanged({});
    if (QWidget *owner = parentWidget()) {
        const QRect area = owner->window()->geometry();
        move(area.left() + (area.width() - width()) / 2, area.top() + 80);
    }
    show();
    raise();
    activateWindow();
    m_input->setFocus(Qt::PopupFocusReason);
}

void CommandPalette::filterChanged(const QString &text)
{
    if (m_job) {
        m_job->abort();
        m_job->deleteLater();
        m_job.clear();
    }
    m_model->setFilter(text);
    selectFirst();
    if (text.trimmed().size() >= 2)
        m_searchTimer.start();
    else
        m_searchTimer.stop();
}

void CommandPalette::searchTenants()
{
    TenantQuery query;
    query.search = m_input->text().trimmed();
    query.limit = tenantLimit;
    auto *job = new ListTenantsJob(m_client, query, this);
    m_job = job;
    connect(job, &ApiJob::finished, this, [this, job] {
        if (job != m_job || job->hasError())
            return;
        m_job.clear();
        QList<QPair<QString, QString>> tenants;
        for (const Tenant &tenant : job->page().data)
            tenants.append({QString::fromStdString(tenant.id), QString::fromStdString(tenant.name)});
        const int current = m_list->currentIndex().row();
        m_model->setTenants(tenants);
        if (current >= 0 && current < m_model->rowCount())
            m_list->setCurrentIndex(m_model->index(current));
        else
            selectFirst();
    });
    job->start();
}

void CommandPalette::selectFirst()
{
    if (m_model->rowCount() > 0)
        m_list->setCurrentIndex(m_model->index(0));
}

void CommandPalette::run(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const QString tenantId = index.data(CommandPaletteModel::TenantIdRole).toString();
    QPointer<QAction> action = m_model->actionAt(index.row());
    hide();
    if (!tenantId.isEmpty())
        Q_EMIT tenantChosen(tenantId);
    else if (action)
        action->trigger();
}

bool CommandPalette::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_input && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const int rows = m_model->rowCount();
        int row = m_list->currentIndex().row();
        switch (key->key()) {
        case Qt::Key_Down:
            if (rows > 0)
                m_list->setCurrentIndex(m_model->index((row + 1) % rows));
            return true;
        case Qt::Key_Up:
            if (rows > 0)
                m_list->setCurrentIndex(m_model->index(row <= 0 ? rows - 1 : row - 1));
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            run(m_list->currentIndex());
            return true;
        case Qt::Key_Escape:
            hide();
            return true;
        default:
            break;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace Tenantry
