"""Loopback servers for the command benchmarks: a private Dovecot (IMAPS on 127.0.0.1, set up
as Tests/MailIntakeTests/Support/DovecotServer does) and the aiosmtpd sink of
scripts/smtp_sink.py. Both live in a temporary folder and stop with the benchmark."""
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def can_connect(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


class Dovecot:
    user, password = "alice", "secret"

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="dv-bench-", dir="/tmp")
        os.chmod(self.dir, 0o755)
        root = os.getuid() == 0
        owner = pwd.getpwnam("dovecot") if root else pwd.getpwuid(os.getuid())
        self.uid, self.gid = owner.pw_uid, owner.pw_gid
        for sub in ["run", "state", "home/alice/Maildir/new", "home/alice/Maildir/cur", "home/alice/Maildir/tmp"]:
            os.makedirs(os.path.join(self.dir, sub), exist_ok=True)
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                        "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                        "-keyout", f"{self.dir}/key.pem", "-out", f"{self.dir}/cert.pem"], check=True, capture_output=True)
        os.chmod(f"{self.dir}/key.pem", 0o644)
        with open(f"{self.dir}/passwd", "w") as f:
            f.write(f"{self.user}:{{PLAIN}}{self.password}\n")
        for base, dirs, files in os.walk(f"{self.dir}/home"):
            for name in [base] + [os.path.join(base, n) for n in dirs + files]:
                os.chown(name, self.uid, self.gid)
        self.imaps_port = free_port()
        me = pwd.getpwuid(os.getuid()).pw_name
        users = ("default_login_user = dovenull\ndefault_internal_user = dovecot\nmail_uid = dovecot\nmail_gid = dovecot\n"
                 if root else f"default_login_user = {me}\ndefault_internal_user = {me}\n")
        userdb = (f"uid=dovecot gid=dovecot home={self.dir}/home/%n" if root
                  else f"uid={os.getuid()} gid={os.getgid()} home={self.dir}/home/%n")
        config = f"""protocols = imap
listen = 127.0.0.1
base_dir = {self.dir}/run
state_dir = {self.dir}/state
log_path = {self.dir}/dovecot.log
ssl = yes
ssl_cert = <{self.dir}/cert.pem
ssl_key = <{self.dir}/key.pem
{users}first_valid_uid = 1
auth_failure_delay = 0
disable_plaintext_auth = no
mail_location = maildir:~/Maildir
passdb {{
  driver = passwd-file
  args = {self.dir}/passwd
}}
userdb {{
  driver = static
  args = {userdb}
}}
service imap-login {{
  inet_listener imap {{
    port = 0
  }}
  inet_listener imaps {{
    port = {self.imaps_port}
    ssl = yes
  }}
}}
service stats {{
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"""
        self.config = f"{self.dir}/dovecot.conf"
        with open(self.config, "w") as f:
            f.write(config)
        self.process = subprocess.Popen(["/usr/sbin/dovecot", "-F", "-c", self.config],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 10
        while not can_connect(self.imaps_port):
            if time.time() > deadline or self.process.poll() is not None:
                raise SystemExit(f"dovecot did not start: see {self.dir}/dovecot.log")
            time.sleep(0.02)

    @property
    def ca_file(self):
        return f"{self.dir}/cert.pem"

    @property
    def maildir(self):
        return f"{self.dir}/home/alice/Maildir"

    def seed(self, messages, start=0):
        """Writes messages straight into Maildir/new: they arrive unseen, in order."""
        base = int(time.time())
        for index, message in enumerate(messages, start):
            path = f"{self.maildir}/new/{base}.M{index}P{os.getpid()}.bench"
            with open(path, "wb") as f:
                f.write(message)
            os.chown(path, self.uid, self.gid)

    def deliver(self, message):
        """As a mail server would (doveadm save): the new mail wakes IDLE."""
        subprocess.run(["doveadm", "-c", self.config, "save", "-u", self.user, "-m", "INBOX"], input=message, check=True)

    def count(self, mailbox):
        out = subprocess.run(["doveadm", "-c", self.config, "mailbox", "status", "-u", self.user, "messages", mailbox],
                             capture_output=True, text=True)
        return int(out.stdout.split("=")[1]) if "=" in out.stdout else 0

    def clear(self):
        """Empties every folder (between rounds)."""
        for folder in ["INBOX", "Processed", "Failed"]:
            subprocess.run(["doveadm", "-c", self.config, "expunge", "-u", self.user, "mailbox", folder, "all"],
                           capture_output=True)

    def stop(self):
        self.process.terminate()
        self.process.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


class SMTPSink:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="sink-bench-", dir="/tmp")
        ready = f"{self.dir}/ready"
        self.mail = f"{self.dir}/mail"
        os.makedirs(self.mail)
        self.process = subprocess.Popen([sys.executable, f"{ROOT}/scripts/smtp_sink.py", "--dir", self.mail, "--ready-file", ready],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 10
        while not os.path.exists(ready):
            if time.time() > deadline:
                raise SystemExit("smtp sink did not start")
            time.sleep(0.02)
        with open(ready) as f:
            self.port = int(f.read().strip())

    def count(self):
        return sum(1 for n in os.listdir(self.mail) if n.endswith(".eml"))

    def stop(self):
        self.process.terminate()
        self.process.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
