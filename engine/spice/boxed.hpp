#pragma once
// A value kept on the heap, for the parts of a card that few cards have: the card holds
// one pointer instead of the whole value, so that a deck of a million resistors does
// not carry every source's and model's fields. Copies are deep, as for the value
// itself; reading an empty box gives the value's default; edit() fills it.
#include <memory>

namespace hpsim::spice {

template <class T>
class Boxed {
public:
    Boxed() = default;
    Boxed(T value) : value_(std::make_unique<T>(std::move(value))) {}
    Boxed(const Boxed& other) : value_(other.value_ ? std::make_unique<T>(*other.value_) : nullptr) {}
    Boxed(Boxed&&) noexcept = default;
    Boxed& operator=(const Boxed& other) {
        if (this != &other) value_ = other.value_ ? std::make_unique<T>(*other.value_) : nullptr;
        return *this;
    }
    Boxed& operator=(Boxed&&) noexcept = default;
    ~Boxed() = default;

    explicit operator bool() const { return value_ != nullptr; }  // written at all
    const T& operator*() const { return value_ ? *value_ : empty(); }
    const T* operator->() const { return &**this; }
    T& edit() {
        if (!value_) value_ = std::make_unique<T>();
        return *value_;
    }

private:
    static const T& empty() {
        static const T value{};
        return value;
    }
    std::unique_ptr<T> value_;
};

}  // namespace hpsim::spice
