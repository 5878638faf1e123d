#pragma once

#include "http/message.hpp"

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <cstdint>
#include <string>

// Conversions between Beast's messages and lambdad's own, private to src/http.

namespace lambdad::http {

using wire_request = boost::beast::http::request<boost::beast::http::string_body>;
using wire_response = boost::beast::http::response<boost::beast::http::string_body>;

/// Copies a received request into lambdad's form, moving its body; header fields keep the
/// client's case and arrival order.
request to_request(wire_request&& wire, const std::string& remote_address,
                   std::uint64_t connection_id);

/// Copies the header of a request whose body has not been read yet; the body stays empty.
request header_of(const wire_request& wire, const std::string& remote_address,
                  std::uint64_t connection_id);

/// Builds the message to send. Adds Content-Length, Connection and (unless the handler set
/// one) Date; drops any Content-Length, Connection or Transfer-Encoding the handler set. A
/// response to HEAD keeps the Content-Length of its body but sends no body.
wire_response to_wire(response&& message, unsigned version, bool keep_alive, bool head);

/// A short plain-text error response such as 400 Bad Request.
response plain_response(unsigned status, const std::string& text);

}  // namespace lambdad::http
