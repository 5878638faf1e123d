#pragma once

#include <cstddef>
#include <string>

namespace lambdad {

/// Fills `size` bytes at `data` with random bytes from OpenSSL's RAND_bytes. Each thread draws
/// 4 KB at a time and hands them out in order, because one RAND_bytes call per request id cost
/// about a tenth of the CPU time of a GET through the gateway. Throws std::runtime_error when
/// OpenSSL fails.
void fill_random(unsigned char* data, std::size_t size);

/// A random (version 4) UUID in lower-case 8-4-4-4-12 form, from OpenSSL's RAND_bytes.
std::string random_uuid();

/// A time-based (version 1) UUID. The node id and clock sequence are random with the multicast
/// bit set, as RFC 4122 section 4.5 allows for hosts that do not use a MAC address.
std::string time_uuid();

}  // namespace lambdad
