#pragma once

#include <string>
#include <vector>

namespace Tenantry {

// One page of a list endpoint: {"object":"list","data":[…],"has_more","next_cursor"}.
// Pass nextCursor as starting_after to get the next page; it is empty on the last page.
template<typename T>
struct ListPage
{
    std::vector<T> data;
    bool hasMore = false;
    std::string nextCursor;
};

} // namespace Tenantry
