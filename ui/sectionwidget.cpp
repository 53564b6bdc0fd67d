#include "ui/sectionwidget.h"

#include "ui/errortext.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Tenantry {

SectionWidget::SectionWidget(const QString &title, QWidget *parent)
    : QGroupBox(title, parent)
{
    auto *layout = new QVBoxLayout(this);
    m_bar = new QHBoxLayout;
    m_bar->addStretch(1);
    layout->addLayout(m_bar);

    m_stack = new QStackedWidget(this);
    m_loading = new QLabel(tr("Loading\u2026"), m_stack);
    m_loading->setObjectName(QStringLiteral("loadingLabel"));
    m_loading->setAlignment(Qt::AlignCenter);
    m_loading->setEnabled(false);
    m_stack->addWidget(m_loading);

    m_errorPage = new QWidget(m_stack);
    auto *errorLayout = new QVBoxLayout(m_errorPage);
    m_error = new QLabel(m_errorPage);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::RichText);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    auto *retry = new QPushButton(tr("Retry"), m_errorPage);
    retry->setObjectName(QStringLiteral("retryButton"));
    connect(retry, &QPushButton::clicked, this, &SectionWidget::retryRequested);
    errorLayout->addWidget(m_error);
    errorLayout->addWidget(retry, 0, Qt::AlignLeft);
    errorLayout->addStretch(1);
    m_stack->addWidget(m_errorPage);

    layout->addWidget(m_stack, 1);
    m_more = new QPushButton(tr("Show older"), this);
    m_more->setObjectName(QStringLiteral("moreButton"));
    m_more->setVisible(false);
    connect(m_more, &QPushButton::clicked, this, &SectionWidget::moreRequested);
    layout->addWidget(m_more, 0, Qt::AlignLeft);
    setLoading();
}

void SectionWidget::setContent(QWidget *content)
{
    if (m_content) {
        m_stack->removeWidget(m_content);
        m_content->deleteLater();
    }
    m_content = content;
    m_stack->addWidget(content);
    if (m_state == State::Content)
        m_stack->setCurrentWidget(content);
}

void SectionWidget::addButton(QPushButton *button)
{
    m_bar->insertWidget(m_bar->count() - 1, button);
}

void SectionWidget::addBarWidget(QWidget *widget)
{
    m_bar->insertWidget(m_bar->count() - 1, widget);
}

void SectionWidget::setLoading(bool keepContent)
{
    if (keepContent && m_state == State::Content && m_content)
        return;
    m_state = State::Loading;
    m_more->setVisible(false);
    m_stack->setCurrentWidget(m_loading);
}

void SectionWidget::setError(const QString &action, const ApiError &error)
{
    m_state = State::Error;
    m_more->setVisible(false);
    m_error->setText(ErrorText::html(action, error));
    m_stack->setCurrentWidget(m_errorPage);
}

void SectionWidget::showContent()
{
    m_state = State::Content;
    if (m_content)
        m_stack->setCurrentWidget(m_content);
}

void SectionWidget::setMoreAvailable(bool available)
{
    m_more->setVisible(available);
}

bool SectionWidget::isMoreAvailable() const
{
    return !m_more->isHidden();
}

void SectionWidget::setLoadingMore(bool loading)
{
    m_more->setEnabled(!loading);
    m_more->setText(loading ? tr("Loading older\u2026") : tr("Show older"));
}

QString SectionWidget::errorText() const
{
    return m_state == State::Error ? m_error->text() : QString();
}

} // namespace Tenantry
