#include "server/config/serverconfig.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <locale>
#include <optional>
#include <sstream>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>

namespace Tenantry::Server {

namespace {

using Json = nlohmann::json;

Error configError(std::string message)
{
    return Error{"invalid_config", std::move(message), {}, 0};
}

std::string inQuotes(std::string_view text)
{
    return "\"" + std::string(text) + "\"";
}

// One value for one setting, from one source.
struct Input
{
    std::string source;    // "--threads", "TENANTRY_THREADS", "/etc/tenantry.json: key \"threads\""
    Json value;            // a JSON string for flags and environment variables
    bool fromText = false; // flags and environment: numbers arrive as text to be parsed

    std::string shown() const
    {
        if (fromText)
            return inQuotes(value.get<std::string>());
        return value.dump(-1, ' ', false, Json::error_handler_t::replace);
    }
};

Result<std::string> readString(const Input &input)
{
    if (!input.value.is_string())
        return configError(input.source + ": expected a string, got " + input.shown());
    std::string text = input.value.get<std::string>();
    if (text.empty())
        return configError(input.source + ": must not be empty");
    return text;
}

Result<std::int64_t> readInteger(const Input &input, std::int64_t minimum, std::int64_t maximum)
{
    const std::string expected = "expected an integer from " + std::to_string(minimum) + " to "
                                 + std::to_string(maximum) + ", got ";
    std::int64_t number = 0;
    if (input.fromText) {
        const std::string text = input.value.get<std::string>();
        const char *end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, number);
        if (error != std::errc() || stop != end || text.empty())
            return configError(input.source + ": " + expected + input.shown());
    } else if (input.value.is_number_unsigned()) {
        const auto value = input.value.get<std::uint64_t>();
        if (value > static_cast<std::uint64_t>(maximum))
            return configError(input.source + ": " + expected + input.shown());
        number = static_cast<std::int64_t>(value);
    } else if (input.value.is_number_integer()) {
        number = input.value.get<std::int64_t>();
    } else {
        return configError(input.source + ": " + expected + input.shown());
    }
    if (number < minimum || number > maximum)
        return configError(input.source + ": " + expected + input.shown());
    return number;
}

// A finite number with minimum < value <= maximum (or minimum <= value if inclusive). The
// bounds are whole numbers.
Result<double> readNumber(const Input &input, double minimum, bool minimumAllowed, double maximum)
{
    std::ostringstream expected;
    expected.imbue(std::locale::classic());
    expected << std::fixed << std::setprecision(0) << "expected a number "
             << (minimumAllowed ? "from " : "above ") << minimum
             << (minimumAllowed ? " to " : " up to ") << maximum << ", got ";
    double number = 0;
    if (input.fromText) {
        const std::string text = input.value.get<std::string>();
        const char *end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, number);
        if (error != std::errc() || stop != end || text.empty())
            return configError(input.source + ": " + expected.str() + input.shown());
    } else if (input.value.is_number()) {
        number = input.value.get<double>();
    } else {
        return configError(input.source + ": " + expected.str() + input.shown());
    }
    const bool aboveMinimum = minimumAllowed ? number >= minimum : number > minimum;
    if (!std::isfinite(number) || !aboveMinimum || number > maximum)
        return configError(input.source + ": " + expected.str() + input.shown());
    return number;
}

Result<bool> readBool(const Input &input)
{
    if (!input.value.is_boolean())
        return configError(input.source + ": expected true or false, got " + input.shown());
    return input.value.get<bool>();
}

Result<std::string> readChoice(const Input &input, std::initializer_list<std::string_view> choices)
{
    std::string list;
    for (const std::string_view choice : choices)
        list += (list.empty() ? "" : ", ") + std::string(choice);
    if (input.value.is_string()) {
        const std::string text = input.value.get<std::string>();
        if (std::find(choices.begin(), choices.end(), text) != choices.end())
            return text;
    }
    return configError(input.source + ": expected one of " + list + ", got " + input.shown());
}

struct ListenAddress
{
    std::string host;
    std::uint16_t port = 0;
};

bool isHostCharacter(char c, bool bracketed)
{
    const bool alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                              || (c >= '0' && c <= '9');
    if (bracketed) // an IPv6 address, perhaps with a zone: fe80::1%eth0
        return alphanumeric || c == ':' || c == '.' || c == '%' || c == '-' || c == '_';
    return alphanumeric || c == '.' || c == '-'; // a host name or an IPv4 address
}

Result<ListenAddress> parseListen(std::string_view text, const std::string &source)
{
    const Error malformed = configError(source + ": expected host:port, [ipv6]:port or :port, got "
                                        + inQuotes(text));
    ListenAddress address;
    std::string_view portText;
    if (text.starts_with('[')) {
        const std::size_t close = text.find(']');
        if (close == std::string_view::npos || text.substr(close + 1, 1) != ":")
            return malformed;
        address.host = std::string(text.substr(1, close - 1));
        portText = text.substr(close + 2);
        if (address.host.find(':') == std::string::npos)
            return malformed;
    } else {
        const std::size_t colon = text.rfind(':');
        if (colon == std::string_view::npos)
            return malformed;
        address.host = std::string(text.substr(0, colon));
        portText = text.substr(colon + 1);
        if (address.host.find(':') != std::string::npos)
            return configError(source + ": write an IPv6 address in brackets, as in [::1]:8080, got "
                               + inQuotes(text));
        if (address.host.empty())
            address.host = ServerConfig().listenAddress;
    }
    const bool bracketed = text.starts_with('[');
    if (address.host.empty()
        || !std::all_of(address.host.begin(), address.host.end(), [bracketed](char c) {
               return isHostCharacter(c, bracketed);
           })) {
        return malformed;
    }

    unsigned int port = 0;
    const char *end = portText.data() + portText.size();
    const auto [stop, error] = std::from_chars(portText.data(), end, port);
    if (portText.empty() || error != std::errc() || stop != end || port > 65535)
        return configError(source + ": the port must be a number from 0 to 65535, got "
                           + inQuotes(text));
    address.port = static_cast<std::uint16_t>(port);
    return address;
}

template<typename Target, typename Value>
Status store(Target &target, const Result<Value> &value)
{
    if (!value)
        return value.error();
    target = static_cast<Target>(value.value());
    return Ok{};
}

struct Setting
{
    std::string_view fileKey;
    std::string_view flag;        // empty: no flag
    std::string_view environment; // empty: no environment variable
    bool isSwitch = false;        // a flag without a value (--demo)
    Status (*apply)(ServerConfig &config, const Input &input) = nullptr;
};

constexpr std::int64_t GiB = std::int64_t(1) << 30;

// "S1,S2" (or, in the file, ["S1","S2"]): the secrets, each trimmed and non-empty.
Result<std::vector<std::string>> readSecrets(const Input &input)
{
    std::vector<std::string> parts;
    if (input.value.is_array()) {
        for (const Json &item : input.value) {
            if (!item.is_string())
                return configError(input.source + ": expected strings");
            parts.push_back(item.get<std::string>());
        }
    } else if (input.value.is_string()) {
        const std::string text = input.value.get<std::string>();
        std::size_t start = 0;
        for (;;) {
            const std::size_t comma = text.find(',', start);
            parts.push_back(text.substr(start, comma == std::string::npos ? comma : comma - start));
            if (comma == std::string::npos)
                break;
            start = comma + 1;
        }
    } else {
        // Not shown: the value may be a secret.
        return configError(input.source + ": expected a string of secrets separated by commas");
    }
    std::vector<std::string> secrets;
    for (std::string &part : parts) {
        const std::size_t first = part.find_first_not_of(" \t");
        const std::size_t last = part.find_last_not_of(" \t");
        if (first == std::string::npos)
            return configError(input.source + ": a secret is empty");
        secrets.push_back(part.substr(first, last - first + 1));
    }
    if (secrets.size() > 2)
        return configError(input.source
                           + ": at most two secrets (the current one and, while rotating, the "
                             "next), got "
                           + std::to_string(secrets.size()));
    return secrets;
}

// A libpq connection URI. The value may hold a password: no error message repeats it.
Result<std::string> readDatabaseUri(const Input &input)
{
    if (!input.value.is_string())
        return configError(input.source + ": expected a string");
    std::string text = input.value.get<std::string>();
    if (!text.starts_with("postgresql://") && !text.starts_with("postgres://"))
        return configError(input.source
                           + ": expected a PostgreSQL URI (postgresql://user@host:port/database)");
    return text;
}

// A Stripe API key. Not repeated in messages: it is a secret.
Result<std::string> readApiKey(const Input &input)
{
    if (!input.value.is_string())
        return configError(input.source + ": expected a string");
    std::string key = input.value.get<std::string>();
    const bool printable = std::all_of(key.begin(), key.end(), [](char c) {
        return c > ' ' && c < 0x7f;
    });
    if (!printable || !(key.starts_with("sk_") || key.starts_with("rk_")))
        return configError(input.source
                           + ": expected a Stripe secret key (sk_…) or restricted key (rk_…)");
    return key;
}

// The base URL of Stripe's API: checked fully (loopback for http://) when the client is made.
Result<std::string> readApiBase(const Input &input)
{
    Result<std::string> text = readString(input);
    if (!text)
        return text;
    // Credentials in the URL would show in the startup line: not repeated, refused.
    if (text->find('@') != std::string::npos)
        return configError(input.source + ": the URL must not hold user information (@)");
    if (!text->starts_with("https://") && !text->starts_with("http://"))
        return configError(input.source + ": expected an https:// URL, got " + input.shown());
    return text;
}

const std::array<Setting, 35> &settings()
{
    static const std::array<Setting, 35> table = {{
        {"listen",
         "--listen",
         "TENANTRY_LISTEN",
         false,
         [](ServerConfig &config, const Input &input) -> Status {
             const Result<std::string> text = readString(input);
             if (!text)
                 return text.error();
             const Result<ListenAddress> address = parseListen(*text, input.source);
             if (!address)
                 return address.error();
             config.listenAddress = address->host;
             config.port = address->port;
             return Ok{};
         }},
        {"data_dir",
         "--data-dir",
         "TENANTRY_DATA_DIR",
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.dataDir, readString(input));
         }},
        {"database",
         "--database",
         "TENANTRY_DATABASE",
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.database, readDatabaseUri(input));
         }},
        {"database_owner",
         "--database-owner",
         "TENANTRY_DATABASE_OWNER",
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.databaseOwner, readDatabaseUri(input));
         }},
        {"database_pool_size",
         "--database-pool-size",
         {},
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.databasePoolSize, readInteger(input, 1, 1000));
         }},
        {"threads",
         "--threads",
         "TENANTRY_THREADS",
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.threads, readInteger(input, 1, 1024));
         }},
        {"tls_certificate_file",
         "--tls-cert",
         "TENANTRY_TLS_CERT",
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.tlsCertificateFile, readString(input));
         }},
        {"tls_private_key_file",
         "--tls-key",
         "TENANTRY_TLS_KEY",
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.tlsPrivateKeyFile, readString(input));
         }},
        {"allow_tls12",
         "--tls12",
         {},
         true,
         [](ServerConfig &config, const Input &input) {
             return store(config.allowTls12, readBool(input));
         }},
        {"log_level",
         "--log-level",
         "TENANTRY_LOG_LEVEL",
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.logLevel, readChoice(input, {"debug", "info", "warn", "error"}));
         }},
        {"max_body_bytes",
         "--max-body-bytes",
         {},
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.maxBodyBytes, readInteger(input, 1, GiB));
         }},
        {"header_timeout_ms",
         {},
         {},
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.headerTimeoutMs, readInteger(input, 100, 3'600'000));
         }},
        {"idle_timeout_ms",
         {},
         {},
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.idleTimeoutMs, readInteger(input, 100, 86'400'000));
         }},
        {"max_connections",
         {},
         {},
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.maxConnections, readInteger(input, 1, 1'000'000));
         }},
        {"rate_limit_per_second",
         "--rate-limit",
         {},
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.rateLimitPerSecond, readNumber(input, 0, false, 1e6));
         }},
        {"rate_limit_burst",
         "--rate-burst",
         {},
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.rateLimitBurst, readNumber(input, 1, true, 1e9));
         }},
        {"session_ttl_hours",
         {},
         {},
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.sessionTtlHours, readInteger(input, 1, 8760));
         }},
        {"session_cache_ttl_ms",
         "--session-cache-ttl-ms",
         {},
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.sessionCacheTtlMs, readInteger(input, 0, 60'000));
         }},
        {"job_stale_after_ms",
         "--job-stale-after-ms",
         {},
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.jobStaleAfterMs, readInteger(input, 1000, 3'600'000));
         }},
        {"move_step_delay_ms",
         "--move-step-delay-ms",
         {},
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.moveStepDelayMs, readInteger(input, 0, 60'000));
         }},
        {"demo",
         "--demo",
         {},
         true,
         [](ServerConfig &config, const Input &input) {
             return store(config.demo, readBool(input));
         }},
        {"demo_customers",
         "--demo-customers",
         {},
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.demoCustomers, readInteger(input, 10, 100'000));
         }},
        {"synchronous",
         "--synchronous",
         {},
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.synchronous, readChoice(input, {"full", "normal"}));
         }},
        {"group_commit",
         "--group-commit",
         {},
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.groupCommit, readChoice(input, {"on", "off"}));
         }},
        {"write_lane",
         "--write-lane",
         {},
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.writeLane, readChoice(input, {"on", "off"}));
         }},
        {"stripe_webhook_secret",
         "--stripe-webhook-secret",
         "TENANTRY_STRIPE_WEBHOOK_SECRET",
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.stripeWebhookSecrets, readSecrets(input));
         }},
        {"stripe_webhook_tolerance",
         "--stripe-webhook-tolerance",
         {},
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.stripeWebhookToleranceSeconds, readInteger(input, 1, 86'400));
         }},
        {"stripe_api_key",
         "--stripe-api-key",
         "TENANTRY_STRIPE_API_KEY",
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.stripeApiKey, readApiKey(input));
         }},
        {"stripe_api_base",
         "--stripe-api-base",
         {},
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.stripeApiBase, readApiBase(input));
         }},
        {"master_key_file",
         "--master-key-file",
         "TENANTRY_MASTER_KEY_FILE",
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.masterKeyFile, readString(input));
         }},
        {"webhook_max_attempts",
         "--webhook-max-attempts",
         {},
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.webhookMaxAttempts, readInteger(input, 1, 100));
         }},
        {"webhook_retry_base_ms",
         "--webhook-retry-base-ms",
         {},
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.webhookRetryBaseMs, readInteger(input, 1, 86'400'000));
         }},
        {"webhook_worker",
         "--webhook-worker",
         {},
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.webhookWorker, readChoice(input, {"on", "off"}));
         }},
        {"billing",
         "--billing",
         "TENANTRY_BILLING",
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.billing, readChoice(input, {"simulator", "stripe", "none"}));
         }},
        {"billing_after_retries",
         "--billing-after-retries",
         {},
         false,
         [](ServerConfig &config, const Input &input) {
             return store(config.billingAfterRetries, readChoice(input, {"canceled", "unpaid"}));
         }},
    }};
    return table;
}

constexpr std::string_view ConfigFlag = "--config";
constexpr std::string_view ConfigEnvironment = "TENANTRY_CONFIG";

const Setting *findSetting(std::string_view Setting::*field, std::string_view name)
{
    for (const Setting &setting : settings()) {
        if (!(setting.*field).empty() && setting.*field == name)
            return &setting;
    }
    return nullptr;
}

// The values of one source, in the order they appear in it.
using Layer = std::vector<std::pair<const Setting *, Input>>;

struct CommandLine
{
    Layer layer;
    std::optional<std::string> configFile;
};

Result<CommandLine> parseArguments(const std::vector<std::string> &arguments)
{
    CommandLine commandLine;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string &argument = arguments[i];
        if (!argument.starts_with("--") || argument == "--")
            return configError("unexpected argument " + inQuotes(argument)
                               + " (options start with --)");
        const std::size_t equals = argument.find('=');
        const std::string name = argument.substr(0, equals);
        std::optional<std::string> value;
        if (equals != std::string::npos)
            value = argument.substr(equals + 1);

        const Setting *setting = findSetting(&Setting::flag, name);
        if (!setting && name != ConfigFlag)
            return configError("unknown option " + name);
        if (setting && setting->isSwitch) {
            if (value)
                return configError(name + " takes no value");
            commandLine.layer.emplace_back(setting, Input{name, Json(true), false});
            continue;
        }
        if (!value) {
            if (i + 1 >= arguments.size() || arguments[i + 1].starts_with("--"))
                return configError(name + " needs a value");
            value = arguments[++i];
        }
        if (!setting) {
            if (value->empty())
                return configError(name + ": must not be empty");
            commandLine.configFile = *value;
            continue;
        }
        commandLine.layer.emplace_back(setting, Input{name, Json(*value), true});
    }
    return commandLine;
}

Layer environmentLayer(const std::map<std::string, std::string> &environment)
{
    Layer layer;
    for (const Setting &setting : settings()) {
        if (setting.environment.empty())
            continue;
        const auto found = environment.find(std::string(setting.environment));
        if (found == environment.end() || found->second.empty())
            continue;
        layer.emplace_back(&setting, Input{found->first, Json(found->second), true});
    }
    return layer;
}

Result<Layer> fileLayer(const std::string &path, const std::string &namedBy)
{
    const std::string what = "the config file " + inQuotes(path) + " (named by " + namedBy + ")";
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error))
        return configError(what + " does not exist or is not a regular file");
    std::ifstream file(path, std::ios::binary);
    std::ostringstream contents;
    if (file)
        contents << file.rdbuf();
    if (!file || file.bad())
        return configError("cannot read " + what);

    const Json root = Json::parse(contents.str(), nullptr, false, true);
    if (root.is_discarded())
        return configError(path + ": not valid JSON");
    if (!root.is_object())
        return configError(path + ": expected a JSON object at the top level");

    Layer layer;
    for (const auto &[key, value] : root.items()) {
        const Setting *setting = findSetting(&Setting::fileKey, key);
        if (!setting)
            return configError(path + ": unknown key " + inQuotes(key));
        layer.emplace_back(setting, Input{path + ": key " + inQuotes(key), value, false});
    }
    return layer;
}

std::string bracketed(const std::string &host)
{
    return host.find(':') == std::string::npos ? host : "[" + host + "]";
}

} // namespace

std::string ServerConfig::masterKeyPath() const
{
    return masterKeyFile.empty() ? dataDir + "/master.key" : masterKeyFile;
}

int ServerConfig::defaultThreads()
{
    const unsigned int cores = std::thread::hardware_concurrency();
    return static_cast<int>(std::clamp(cores, 2U, 1024U));
}

Result<ServerConfig> ServerConfig::load(const std::vector<std::string> &arguments,
                                        const std::map<std::string, std::string> &environment)
{
    Result<CommandLine> commandLine = parseArguments(arguments);
    if (!commandLine)
        return commandLine.error();

    std::vector<Layer> layers; // lowest precedence first
    std::optional<std::string> configFile = commandLine->configFile;
    std::string configNamedBy(ConfigFlag);
    if (!configFile) {
        const auto found = environment.find(std::string(ConfigEnvironment));
        if (found != environment.end() && !found->second.empty()) {
            configFile = found->second;
            configNamedBy = ConfigEnvironment;
        }
    }
    if (configFile) {
        Result<Layer> file = fileLayer(*configFile, configNamedBy);
        if (!file)
            return file.error();
        layers.push_back(std::move(file).value());
    }
    layers.push_back(environmentLayer(environment));
    layers.push_back(std::move(commandLine->layer));

    // Every value must be valid, even one a higher source overrides: a broken file or
    // environment would bite as soon as the override goes. The command line is checked first:
    // that is what the operator just typed.
    ServerConfig scratch;
    for (auto layer = layers.rbegin(); layer != layers.rend(); ++layer) {
        for (const auto &[setting, input] : *layer) {
            if (const Status applied = setting->apply(scratch, input); !applied)
                return applied.error();
        }
    }

    ServerConfig config;
    std::map<std::string_view, std::string> sources; // file key → the source that set it last
    for (const Layer &layer : layers) {
        for (const auto &[setting, input] : layer) {
            if (const Status applied = setting->apply(config, input); !applied)
                return applied.error(); // not reached: checked above
            sources[setting->fileKey] = input.source;
        }
    }

    const bool hasCertificate = !config.tlsCertificateFile.empty();
    const bool hasKey = !config.tlsPrivateKeyFile.empty();
    if (hasCertificate && !hasKey)
        return configError(sources["tls_certificate_file"]
                           + " sets a TLS certificate but no private key is set "
                             "(--tls-key, TENANTRY_TLS_KEY or tls_private_key_file)");
    if (hasKey && !hasCertificate)
        return configError(sources["tls_private_key_file"]
                           + " sets a TLS private key but no certificate is set "
                             "(--tls-cert, TENANTRY_TLS_CERT or tls_certificate_file)");
    return config;
}

std::string ServerConfig::describe() const
{
    std::ostringstream line;
    line.imbue(std::locale::classic());
    line << "listen=" << bracketed(listenAddress) << ':' << port;
    if (tlsCertificateFile.empty())
        line << " tls=off";
    else
        line << " tls=" << (allowTls12 ? "1.2+" : "1.3")
             << " tls_certificate_file=" << inQuotes(tlsCertificateFile)
             << " tls_private_key_file=" << inQuotes(tlsPrivateKeyFile);
    line << " data_dir=" << inQuotes(dataDir) << " threads=" << threads << " log_level=" << logLevel
         << " max_body_bytes=" << maxBodyBytes << " header_timeout_ms=" << headerTimeoutMs
         << " idle_timeout_ms=" << idleTimeoutMs << " max_connections=" << maxConnections
         << " rate_limit_per_second=" << rateLimitPerSecond
         << " rate_limit_burst=" << rateLimitBurst << " session_ttl_hours=" << sessionTtlHours
         << " session_cache_ttl_ms=" << sessionCacheTtlMs << " synchronous=" << synchronous
         << " demo=" << (demo ? "true" : "false") << " demo_customers=" << demoCustomers
         << " group_commit=" << groupCommit << " write_lane=" << writeLane
         << " stripe_webhook_secret="
         << (stripeWebhookSecrets.empty()
                 ? std::string("unset")
                 : "set(" + std::to_string(stripeWebhookSecrets.size()) + ")")
         << " stripe_webhook_tolerance=" << stripeWebhookToleranceSeconds
         << " stripe_api_key=" << (stripeApiKey.empty() ? "unset" : "set")
         << " stripe_api_base=" << inQuotes(stripeApiBase)
         << " master_key_file=" << inQuotes(masterKeyPath())
         << " webhook_max_attempts=" << webhookMaxAttempts
         << " webhook_retry_base_ms=" << webhookRetryBaseMs << " webhook_worker=" << webhookWorker
         << " billing=" << billing << " billing_after_retries=" << billingAfterRetries
         << " job_stale_after_ms=" << jobStaleAfterMs << " move_step_delay_ms=" << moveStepDelayMs;
    // The database URIs may hold passwords: only whether they are set is shown.
    if (database.empty())
        line << " store=sqlite";
    else
        line << " store=postgresql database=set database_owner="
             << (databaseOwner.empty() ? "unset" : "set")
             << " database_pool_size=" << databasePoolSize;
    return line.str();
}

} // namespace Tenantry::Server
