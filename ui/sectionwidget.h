#pragma once

#include "client/apierror.h"

#include <QGroupBox>

class QHBoxLayout;
class QLabel;
class QPushButton;
class QStackedWidget;

namespace Tenantry {

// One section of a screen that loads on its own: a titled box that shows "Loading…", the
// error (what happened, what to do, the request id: selectable) with a Retry button, or its
// content. Action buttons of the section sit in its bar above the content. A list longer than
// one page gets "Show older" under it (setMoreAvailable; moreRequested()).
class SectionWidget : public QGroupBox
{
    Q_OBJECT

public:
    enum class State { Loading, Error, Content };

    explicit SectionWidget(const QString &title, QWidget *parent = nullptr);

    void setContent(QWidget *content);
    QWidget *content() const { return m_content; }
    void addButton(QPushButton *button);
    // Any other control of the bar (a filter), left of the buttons added after it.
    void addBarWidget(QWidget *widget);

    State state() const { return m_state; }
    // While content is shown, a reload keeps it on screen unless `keepContent` is false.
    void setLoading(bool keepContent = true);
    void setError(const QString &action, const ApiError &error);
    void showContent();
    QString errorText() const;
    // Whether "Show older" is offered under the content.
    void setMoreAvailable(bool available);
    bool isMoreAvailable() const;
    // While the next page loads the button is disabled and says so.
    void setLoadingMore(bool loading);

Q_SIGNALS:
    void retryRequested();
    void moreRequested();

private:
    QHBoxLayout *m_bar = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_loading = nullptr;
    QWidget *m_errorPage = nullptr;
    QLabel *m_error = nullptr;
    QWidget *m_content = nullptr;
    QPushButton *m_more = nullptr;
    State m_state = State::Loading;
};

} // namespace Tenantry
