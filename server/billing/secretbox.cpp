#include "server/billing/secretbox.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Tenantry::Server {

namespace {

Error keyError(const std::string &path, const std::string &what)
{
    return Error{"invalid_master_key", "master key file \"" + path + "\" " + what, {}, 0};
}

Error sealError(const std::string &what)
{
    return Error{"secret_unreadable", what, {}, 0};
}

struct CipherContextDeleter
{
    void operator()(EVP_CIPHER_CTX *context) const { EVP_CIPHER_CTX_free(context); }
};
using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, CipherContextDeleter>;

// Reads exactly `size` bytes; false on a short read or an error.
bool readAll(int fd, unsigned char *data, std::size_t size)
{
    std::size_t done = 0;
    while (done < size) {
        const ssize_t got = ::read(fd, data + done, size - done);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return false;
        done += static_cast<std::size_t>(got);
    }
    return true;
}

bool writeAll(int fd, const unsigned char *data, std::size_t size)
{
    std::size_t done = 0;
    while (done < size) {
        const ssize_t put = ::write(fd, data + done, size - done);
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0)
            return false;
        done += static_cast<std::size_t>(put);
    }
    return true;
}

std::string systemMessage(int error)
{
    return std::error_code(error, std::generic_category()).message();
}

} // namespace

SecretBox::~SecretBox()
{
    OPENSSL_cleanse(m_key.data(), m_key.size());
}

Result<SecretBox> SecretBox::fromKey(std::string_view key)
{
    if (key.size() != KeySize)
        return Error{"invalid_master_key",
                     "a master key has " + std::to_string(KeySize) + " bytes, got "
                         + std::to_string(key.size()),
                     {},
                     0};
    SecretBox box;
    std::memcpy(box.m_key.data(), key.data(), KeySize);
    return box;
}

Result<SecretBox> SecretBox::fromKeyFile(const std::string &path)
{
    SecretBox box;
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) {
        // Created with a fresh random key; O_EXCL: a concurrent start-up that won the race
        // wrote it first, and that one is read below.
        std::error_code ignored;
        const std::filesystem::path parent = std::filesystem::path(path).parent_path();
        if (!parent.empty() && !std::filesystem::exists(parent, ignored)) {
            std::filesystem::create_directories(parent, ignored);
            std::filesystem::permissions(parent, std::filesystem::perms::owner_all, ignored);
        }
        const int created = ::open(path.c_str(),
                                   O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
                                   S_IRUSR | S_IWUSR);
        if (created >= 0) {
            if (RAND_bytes(box.m_key.data(), static_cast<int>(KeySize)) != 1) {
                ::close(created);
                ::unlink(path.c_str());
                return keyError(path, "could not be created: the random generator failed");
            }
            const bool written = writeAll(created, box.m_key.data(), KeySize)
                                 && ::fsync(created) == 0;
            const int writeErrno = errno;
            ::close(created);
            if (!written) {
                ::unlink(path.c_str());
                return keyError(path, "could not be written: " + systemMessage(writeErrno));
            }
            return box;
        }
        if (errno != EEXIST)
            return keyError(path, "is missing and could not be created: " + systemMessage(errno));
        fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    }
    if (fd < 0)
        return keyError(path, "is unreadable: " + systemMessage(errno));

    struct stat status
    {};
    if (::fstat(fd, &status) != 0) {
        const int error = errno;
        ::close(fd);
        return keyError(path, "is unreadable: " + systemMessage(error));
    }
    if (!S_ISREG(status.st_mode)) {
        ::close(fd);
        return keyError(path, "is not a regular file");
    }
    if ((status.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        ::close(fd);
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(status.st_mode & 07777));
        return keyError(path,
                        "is accessible by group or others (mode " + std::string(mode)
                            + "); run chmod 600 on it");
    }
    if (status.st_size != static_cast<off_t>(KeySize)) {
        ::close(fd);
        return keyError(path,
                        "must hold exactly " + std::to_string(KeySize) + " bytes, it has "
                            + std::to_string(status.st_size));
    }
    const bool read = readAll(fd, box.m_key.data(), KeySize);
    ::close(fd);
    if (!read)
        return keyError(path, "could not be read completely");
    return box;
}

Result<std::string> SecretBox::seal(std::string_view name, std::string_view plaintext) const
{
    std::string blob(1 + NonceSize + plaintext.size() + TagSize, '\0');
    auto *out = reinterpret_cast<unsigned char *>(blob.data());
    out[0] = Version;
    unsigned char *nonce = out + 1;
    unsigned char *ciphertext = nonce + NonceSize;
    unsigned char *tag = ciphertext + plaintext.size();
    if (RAND_bytes(nonce, static_cast<int>(NonceSize)) != 1)
        return sealError("the random generator failed");

    CipherContext context(EVP_CIPHER_CTX_new());
    int length = 0;
    const bool sealed = context
                        && EVP_EncryptInit_ex(context.get(),
                                              EVP_aes_256_gcm(),
                                              nullptr,
                                              nullptr,
                                              nullptr)
                               == 1
                        && EVP_CIPHER_CTX_ctrl(context.get(),
                                               EVP_CTRL_GCM_SET_IVLEN,
                                               static_cast<int>(NonceSize),
                                               nullptr)
                               == 1
                        && EVP_EncryptInit_ex(context.get(), nullptr, nullptr, m_key.data(), nonce)
                               == 1
                        && EVP_EncryptUpdate(context.get(),
                                             nullptr,
                                             &length,
                                             reinterpret_cast<const unsigned char *>(name.data()),
                                             static_cast<int>(name.size()))
                               == 1
                        && EVP_EncryptUpdate(context.get(),
                                             ciphertext,
                                             &length,
                                             reinterpret_cast<const unsigned char *>(
                                                 plaintext.data()),
                                             static_cast<int>(plaintext.size()))
                               == 1
                        && EVP_EncryptFinal_ex(context.get(), ciphertext + length, &length) == 1
                        && EVP_CIPHER_CTX_ctrl(context.get(),
                                               EVP_CTRL_GCM_GET_TAG,
                                               static_cast<int>(TagSize),
                                               tag)
                               == 1;
    if (!sealed)
        return sealError("encryption failed");
    return blob;
}

Result<std::string> SecretBox::open(std::string_view name, std::string_view blob) const
{
    const Error unreadable = sealError("secret \"" + std::string(name)
                                       + "\" does not open with this master key (another key, "
                                         "or the stored value was changed)");
    if (blob.size() < 1 + NonceSize + TagSize)
        return unreadable;
    const auto *in = reinterpret_cast<const unsigned char *>(blob.data());
    if (in[0] != Version)
        return unreadable;
    const unsigned char *nonce = in + 1;
    const unsigned char *ciphertext = nonce + NonceSize;
    const std::size_t ciphertextSize = blob.size() - 1 - NonceSize - TagSize;
    std::string plaintext(ciphertextSize, '\0');
    unsigned char tag[TagSize];
    std::memcpy(tag, ciphertext + ciphertextSize, TagSize);

    CipherContext context(EVP_CIPHER_CTX_new());
    int length = 0;
    auto *out = reinterpret_cast<unsigned char *>(plaintext.data());
    const bool opened = context
                        && EVP_DecryptInit_ex(context.get(),
                                              EVP_aes_256_gcm(),
                                              nullptr,
                                              nullptr,
                                              nullptr)
                               == 1
                        && EVP_CIPHER_CTX_ctrl(context.get(),
                                               EVP_CTRL_GCM_SET_IVLEN,
                                               static_cast<int>(NonceSize),
                                               nullptr)
                               == 1
                        && EVP_DecryptInit_ex(context.get(), nullptr, nullptr, m_key.data(), nonce)
                               == 1
                        && EVP_DecryptUpdate(context.get(),
                                             nullptr,
                                             &length,
                                             reinterpret_cast<const unsigned char *>(name.data()),
                                             static_cast<int>(name.size()))
                               == 1
                        && EVP_DecryptUpdate(context.get(),
                                             out,
                                             &length,
                                             ciphertext,
                                             static_cast<int>(ciphertextSize))
                               == 1
                        && EVP_CIPHER_CTX_ctrl(context.get(),
                                               EVP_CTRL_GCM_SET_TAG,
                                               static_cast<int>(TagSize),
                                               tag)
                               == 1
                        && EVP_DecryptFinal_ex(context.get(), out + length, &length) == 1;
    if (!opened) {
        OPENSSL_cleanse(plaintext.data(), plaintext.size());
        return unreadable;
    }
    return plaintext;
}

} // namespace Tenantry::Server
