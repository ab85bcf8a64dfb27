// A small JSON reader and writer for configs, checkpoint headers and metrics lines. Numbers are
// doubles; object keys keep their order of appearance.
#pragma once

#include "common/status.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace td {

class JsonValue
{
public:
    enum class Type { Null, Bool, Number, String, Array, Object };

    JsonValue() = default;
    static JsonValue boolean(bool b);
    static JsonValue number(double d);
    static JsonValue string(std::string s);
    static JsonValue array();
    static JsonValue object();

    Type type() const { return m_type; }
    bool isNull() const { return m_type == Type::Null; }
    bool isBool() const { return m_type == Type::Bool; }
    bool isNumber() const { return m_type == Type::Number; }
    bool isString() const { return m_type == Type::String; }
    bool isArray() const { return m_type == Type::Array; }
    bool isObject() const { return m_type == Type::Object; }

    bool asBool() const { return m_bool; }
    double asNumber() const { return m_number; }
    const std::string &asString() const { return m_string; }
    const std::vector<JsonValue> &items() const { return m_items; }
    const std::vector<std::pair<std::string, JsonValue>> &members() const { return m_members; }

    // Object access; returns nullptr when missing.
    const JsonValue *find(const std::string &key) const;
    JsonValue &set(const std::string &key, JsonValue value);
    void push(JsonValue value) { m_items.push_back(std::move(value)); }

    std::string dump() const;

private:
    Type m_type = Type::Null;
    bool m_bool = false;
    double m_number = 0;
    std::string m_string;
    std::vector<JsonValue> m_items;
    std::vector<std::pair<std::string, JsonValue>> m_members;
};

// Parses a complete JSON document; errors carry the byte offset.
Status parseJson(const std::string &text, JsonValue &out, const std::string &what);

// Appends a JSON string literal (quoted, escaped) to out.
void appendJsonString(std::string &out, const std::string &s);
// Shortest round-trip text for a double; integers print without a fraction. Non-finite values
// are not JSON, so they print as null.
std::string jsonNumber(double d);

} // namespace td
