import Foundation

extension DovecotServer {
    /// dovecot.conf for a private loopback server (see NOTES-mail-servers.md for the pitfalls:
    /// nothing after `{` on a line; as root, unprivileged login and mail users).
    func configuration(runAsRoot: Bool, extra: String) -> String {
        let dir = directory.path
        let me = String(cString: getpwuid(getuid()).pointee.pw_name)
        let users = runAsRoot
            ? """
            default_login_user = dovenull
            default_internal_user = dovecot
            mail_uid = dovecot
            mail_gid = dovecot
            """
            : """
            default_login_user = \(me)
            default_internal_user = \(me)
            """
        let userdbArgs = runAsRoot ? "uid=dovecot gid=dovecot home=\(dir)/home/%n" : "uid=\(getuid()) gid=\(getgid()) home=\(dir)/home/%n"
        return """
            protocols = imap
            listen = 127.0.0.1
            base_dir = \(dir)/run
            state_dir = \(dir)/state
            log_path = \(dir)/dovecot.log
            ssl = yes
            ssl_cert = <\(dir)/cert.pem
            ssl_key = <\(dir)/key.pem
            \(users)
            first_valid_uid = 1
            auth_failure_delay = 0
            auth_mechanisms = plain login xoauth2 oauthbearer
            disable_plaintext_auth = no
            mail_location = maildir:~/Maildir
            passdb {
              driver = passwd-file
              args = \(dir)/passwd
            }
            userdb {
              driver = static
              args = \(userdbArgs)
            }
            service imap-login {
              inet_listener imap {
                port = \(imapPort)
              }
              inet_listener imaps {
                port = \(imapsPort)
                ssl = yes
              }
            }
            service stats {
              unix_listener stats-writer {
                mode = 0666
              }
            }
            \(extra)

            """
    }
}
