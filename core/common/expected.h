#pragma once

#include "common/error.h"

#include <utility>
#include <variant>

namespace SandboxDoctor {

// A value or the Error that prevented it. Errors cross layers as values, never
// as exceptions (qBittorrent's nonstd::expected style, without the dependency).
template <typename T>
class Expected final
{
public:
    Expected(T value) : m_data(std::move(value)) {}          // NOLINT(google-explicit-constructor)
    Expected(Error error) : m_data(std::move(error)) {}      // NOLINT(google-explicit-constructor)

    bool hasValue() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return hasValue(); }

    const T &value() const & { return std::get<T>(m_data); }
    T &value() & { return std::get<T>(m_data); }
    T &&value() && { return std::get<T>(std::move(m_data)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }

    const Error &error() const { return std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

// For operations that produce nothing but may fail.
struct Done final {};

} // namespace SandboxDoctor
