#include "common/json.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace td {

JsonValue JsonValue::boolean(bool b)
{
    JsonValue v;
    v.m_type = Type::Bool;
    v.m_bool = b;
    return v;
}

JsonValue JsonValue::number(double d)
{
    JsonValue v;
    v.m_type = Type::Number;
    v.m_number = d;
    return v;
}

JsonValue JsonValue::string(std::string s)
{
    JsonValue v;
    v.m_type = Type::String;
    v.m_string = std::move(s);
    return v;
}

JsonValue JsonValue::array()
{
    JsonValue v;
    v.m_type = Type::Array;
    return v;
}

JsonValue JsonValue::object()
{
    JsonValue v;
    v.m_type = Type::Object;
    return v;
}

const JsonValue *JsonValue::find(const std::string &key) const
{
    for (const auto &m : m_members)
        if (m.first == key)
            return &m.second;
    return nullptr;
}

JsonValue &JsonValue::set(const std::string &key, JsonValue value)
{
    m_type = Type::Object;
    for (auto &m : m_members) {
        if (m.first == key) {
            m.second = std::move(value);
            return m.second;
        }
    }
    m_members.emplace_back(key, std::move(value));
    return m_members.back().second;
}

std::string jsonNumber(double d)
{
    if (!std::isfinite(d))
        return "null";
    if (d == std::floor(d) && std::fabs(d) < 1e15) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.0f", d);
        return buf;
    }
    char buf[40];
    for (int precision = 6; precision <= 17; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*g", precision, d);
        if (std::strtod(buf, nullptr) == d)
            break;
    }
    return buf;
}

void appendJsonString(std::string &out, const std::string &s)
{
    out += '"';
    for (unsigned char c : s) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += char(c);
            }
        }
    }
    out += '"';
}

std::string JsonValue::dump() const
{
    switch (m_type) {
    case Type::Null:
        return "null";
    case Type::Bool:
        return m_bool ? "true" : "false";
    case Type::Number:
        return jsonNumber(m_number);
    case Type::String: {
        std::string s;
        appendJsonString(s, m_string);
        return s;
    }
    case Type::Array: {
        std::string s = "[";
        for (size_t i = 0; i < m_items.size(); ++i)
            s += (i ? "," : "") + m_items[i].dump();
        return s + "]";
    }
    case Type::Object: {
        std::string s = "{";
        for (size_t i = 0; i < m_members.size(); ++i) {
            if (i)
                s += ',';
            appendJsonString(s, m_members[i].first);
            s += ':';
            s += m_members[i].second.dump();
        }
        return s + "}";
    }
    }
    return "null";
}

namespace {

class Parser
{
public:
    Parser(const std::string &text, const std::string &what) : m_text(text), m_what(what) {}

    Status parseDocument(JsonValue &out)
    {
        TD_RETURN_IF_ERROR(parseValue(out, 0));
        skipSpace();
        if (m_pos != m_text.size())
            return fail("unexpected text after the JSON value");
        return Status::ok();
    }

private:
    Status fail(const std::string &why) const
    {
        return {ErrorKind::Config,
                m_what + ": invalid JSON at byte " + std::to_string(m_pos) + ": " + why};
    }

    void skipSpace()
    {
        while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' ||
                                         m_text[m_pos] == '\n' || m_text[m_pos] == '\r'))
            ++m_pos;
    }

    bool consume(const char *literal)
    {
        size_t i = 0;
        while (literal[i]) {
            if (m_pos + i >= m_text.size() || m_text[m_pos + i] != literal[i])
                return false;
            ++i;
        }
        m_pos += i;
        return true;
    }

    Status parseValue(JsonValue &out, int depth)
    {
        if (depth > 64)
            return fail("nesting too deep");
        skipSpace();
        if (m_pos >= m_text.size())
            return fail("unexpected end of input");
        const char c = m_text[m_pos];
        if (c == '{')
            return parseObject(out, depth);
        if (c == '[')
            return parseArray(out, depth);
        if (c == '"') {
            std::string s;
            TD_RETURN_IF_ERROR(parseString(s));
            out = JsonValue::string(std::move(s));
            return Status::ok();
        }
        if (consume("true")) {
            out = JsonValue::boolean(true);
            return Status::ok();
        }
        if (consume("false")) {
            out = JsonValue::boolean(false);
            return Status::ok();
        }
        if (consume("null")) {
            out = JsonValue();
            return Status::ok();
        }
        return parseNumber(out);
    }

    Status parseNumber(JsonValue &out)
    {
        const size_t start = m_pos;
        if (m_pos < m_text.size() && m_text[m_pos] == '-')
            ++m_pos;
        bool digits = false;
        while (m_pos < m_text.size() &&
               ((m_text[m_pos] >= '0' && m_text[m_pos] <= '9') || m_text[m_pos] == '.' ||
                m_text[m_pos] == 'e' || m_text[m_pos] == 'E' || m_text[m_pos] == '+' ||
                m_text[m_pos] == '-')) {
            digits = digits || (m_text[m_pos] >= '0' && m_text[m_pos] <= '9');
            ++m_pos;
        }
        if (!digits) {
            m_pos = start;
            return fail("expected a value");
        }
        const std::string token = m_text.substr(start, m_pos - start);
        char *end = nullptr;
        const double d = std::strtod(token.c_str(), &end);
        if (!end || *end != '\0') {
            m_pos = start;
            return fail("malformed number '" + token + "'");
        }
        out = JsonValue::number(d);
        return Status::ok();
    }

    static void appendUtf8(std::string &s, unsigned cp)
    {
        if (cp < 0x80) {
            s += char(cp);
        } else if (cp < 0x800) {
            s += char(0xc0 | (cp >> 6));
            s += char(0x80 | (cp & 0x3f));
        } else if (cp < 0x10000) {
            s += char(0xe0 | (cp >> 12));
            s += char(0x80 | ((cp >> 6) & 0x3f));
            s += char(0x80 | (cp & 0x3f));
        } else {
            s += char(0xf0 | (cp >> 18));
            s += char(0x80 | ((cp >> 12) & 0x3f));
            s += char(0x80 | ((cp >> 6) & 0x3f));
            s += char(0x80 | (cp & 0x3f));
        }
    }

    Status parseHex4(unsigned &cp)
    {
        if (m_pos + 4 > m_text.size())
            return fail("truncated \\u escape");
        cp = 0;
        for (int i = 0; i < 4; ++i) {
            const char h = m_text[m_pos++];
            cp <<= 4;
            if (h >= '0' && h <= '9')
                cp |= unsigned(h - '0');
            else if (h >= 'a' && h <= 'f')
                cp |= unsigned(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F')
                cp |= unsigned(h - 'A' + 10);
            else
                return fail("bad \\u escape");
        }
        return Status::ok();
    }

    Status parseString(std::string &s)
    {
        ++m_pos; // opening quote
        while (true) {
            if (m_pos >= m_text.size())
                return fail("unterminated string");
            const char c = m_text[m_pos++];
            if (c == '"')
                return Status::ok();
            if (static_cast<unsigned char>(c) < 0x20)
                return fail("control character in string");
            if (c != '\\') {
                s += c;
                continue;
            }
            if (m_pos >= m_text.size())
                return fail("unterminated escape");
            const char e = m_text[m_pos++];
            switch (e) {
            case '"':
            case '\\':
            case '/':
                s += e;
                break;
            case 'b':
                s += '\b';
                break;
            case 'f':
                s += '\f';
                break;
            case 'n':
                s += '\n';
                break;
            case 'r':
                s += '\r';
                break;
            case 't':
                s += '\t';
                break;
            case 'u': {
                unsigned cp = 0;
                TD_RETURN_IF_ERROR(parseHex4(cp));
                if (cp >= 0xd800 && cp < 0xdc00 && consume("\\u")) {
                    unsigned low = 0;
                    TD_RETURN_IF_ERROR(parseHex4(low));
                    cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
                }
                appendUtf8(s, cp);
                break;
            }
            default:
                return fail("unknown escape");
            }
        }
    }

    Status parseArray(JsonValue &out, int depth)
    {
        ++m_pos;
        out = JsonValue::array();
        skipSpace();
        if (consume("]"))
            return Status::ok();
        while (true) {
            JsonValue item;
            TD_RETURN_IF_ERROR(parseValue(item, depth + 1));
            out.push(std::move(item));
            skipSpace();
            if (consume("]"))
                return Status::ok();
            if (!consume(","))
                return fail("expected ',' or ']'");
        }
    }

    Status parseObject(JsonValue &out, int depth)
    {
        ++m_pos;
        out = JsonValue::object();
        skipSpace();
        if (consume("}"))
            return Status::ok();
        while (true) {
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != '"')
                return fail("expected a member name");
            std::string key;
            TD_RETURN_IF_ERROR(parseString(key));
            skipSpace();
            if (!consume(":"))
                return fail("expected ':'");
            JsonValue value;
            TD_RETURN_IF_ERROR(parseValue(value, depth + 1));
            out.set(key, std::move(value));
            skipSpace();
            if (consume("}"))
                return Status::ok();
            if (!consume(","))
                return fail("expected ',' or '}'");
        }
    }

    const std::string &m_text;
    const std::string &m_what;
    size_t m_pos = 0;
};

} // namespace

Status parseJson(const std::string &text, JsonValue &out, const std::string &what)
{
    return Parser(text, what).parseDocument(out);
}

} // namespace td
