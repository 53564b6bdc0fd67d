#pragma once

#include "core/error.h"

#include <cassert>
#include <utility>
#include <variant>

namespace Tenantry {

// Either a value or an Error (std::expected arrives with C++23; this is the part we need).
// Construct from a T for success and from an Error for failure.
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) // NOLINT(google-explicit-constructor): implicit by design, like expected
        : m_state(std::in_place_index<0>, std::move(value))
    {}
    Result(Error error) // NOLINT(google-explicit-constructor)
        : m_state(std::in_place_index<1>, std::move(error))
    {}

    bool hasValue() const { return m_state.index() == 0; }
    explicit operator bool() const { return hasValue(); }

    const T &value() const &
    {
        assert(hasValue());
        return std::get<0>(m_state);
    }
    T &value() &
    {
        assert(hasValue());
        return std::get<0>(m_state);
    }
    T &&value() &&
    {
        assert(hasValue());
        return std::get<0>(std::move(m_state));
    }
    const Error &error() const
    {
        assert(!hasValue());
        return std::get<1>(m_state);
    }

    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }

private:
    std::variant<T, Error> m_state;
};

// Success without a value.
struct Ok
{
    bool operator==(const Ok &) const = default;
};
using Status = Result<Ok>;

} // namespace Tenantry
