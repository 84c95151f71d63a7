// store/blob_arrays.h: arrays of fixed-width unsigned integers as SQLite blobs (internal to
// store/). Little-endian whatever the host, so a store file moves between machines.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace akhbar::store {

template <class T>
std::string encode_array(const T* values, std::size_t n) {
  std::string out(n * sizeof(T), '\0');
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t b = 0; b < sizeof(T); ++b) {
      out[i * sizeof(T) + b] = static_cast<char>((values[i] >> (8 * b)) & 0xFF);
    }
  }
  return out;
}

// Reads bytes.size() / sizeof(T) values (a trailing partial value is ignored).
template <class T>
void decode_array(std::string_view bytes, std::vector<T>& out) {
  out.resize(bytes.size() / sizeof(T));
  for (std::size_t i = 0; i < out.size(); ++i) {
    T v = 0;
    for (std::size_t b = 0; b < sizeof(T); ++b) {
      v |= static_cast<T>(static_cast<unsigned char>(bytes[i * sizeof(T) + b])) << (8 * b);
    }
    out[i] = v;
  }
}

template <class T>
std::vector<T> decode_array(std::string_view bytes) {
  std::vector<T> out;
  decode_array(bytes, out);
  return out;
}

}  // namespace akhbar::store
