#pragma once

// The shared part of the list jobs: a GET that answers one page of a list (see ListPage),
// decoded on a worker thread. `limit` 0 leaves the page size to the server (25); an empty
// `startingAfter` asks for the first page.

#include "client/apijob.h"
#include "client/listpage.h"

namespace Tenantry {

template<typename T>
class ApiListJob : public ApiJob
{
public:
    using Decoder = Result<ListPage<T>> (*)(const QByteArray &);

    const ListPage<T> &page() const { return m_page; }

protected:
    ApiListJob(ApiClient *client, QString path, Decoder decoder, QObject *parent)
        : ApiJob(client, QByteArrayLiteral("GET"), std::move(path), Idempotency::None, parent)
        , m_decoder(decoder)
    {}

    void handleSuccess(const QByteArray &body) override
    {
        decodeInBackground<ListPage<T>>(body, m_decoder, [this](ListPage<T> &&page) {
            m_page = std::move(page);
        });
    }

    static void addPaging(ApiClient::QueryItems &query, int limit, const QString &startingAfter)
    {
        if (limit > 0)
            query.append({QStringLiteral("limit"), QString::number(limit)});
        if (!startingAfter.isEmpty())
            query.append({QStringLiteral("starting_after"), startingAfter});
    }

private:
    Decoder m_decoder;
    ListPage<T> m_page;
};

} // namespace Tenantry
