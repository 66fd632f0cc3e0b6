/* GMime 3 reference for `mail-bot parse FILE… --json`: the same command-level job.
 *
 * For every file named on the command line, in order: read it, parse it with GMime, and
 * print one JSON line with the contract's fields (Message-ID, decoded Subject, From names
 * and addresses, Date in UTC, and for every leaf part depth-first, including the leaves of
 * an attached message/rfc822: path, content type, charset, disposition, filename, decoded
 * size and the SHA-256 of the transfer-decoded bytes). Output goes through stdio's buffer,
 * as a C command line tool would do it. Process start-up is part of the measurement, as it
 * is for mail-bot.
 *
 * Build: cc -O2 parse-json.c $(pkg-config --cflags --libs gmime-3.0) -o gmime-parse-json
 * Usage: gmime-parse-json FILE…
 */
#include <fcntl.h>
#include <gmime/gmime.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void json_string(const char *s) {
    if (!s) {
        fputs("null", stdout);
        return;
    }
    putchar('"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", stdout); break;
        case '\\': fputs("\\\\", stdout); break;
        case '\n': fputs("\\n", stdout); break;
        case '\r': fputs("\\r", stdout); break;
        case '\t': fputs("\\t", stdout); break;
        default:
            if (*p < 0x20) printf("\\u%04x", *p);
            else putchar(*p);
        }
    }
    putchar('"');
}

typedef struct {
    int first;
} Parts;

static void leaf(GMimeObject *object, const char *path, Parts *parts) {
    if (!parts->first) putchar(',');
    parts->first = 0;
    GMimeContentType *type = g_mime_object_get_content_type(object);
    char *mime = g_ascii_strdown(g_mime_content_type_get_mime_type(type), -1);
    fputs("{\"path\":", stdout);
    json_string(path);
    fputs(",\"contentType\":", stdout);
    json_string(mime);
    fputs(",\"charset\":", stdout);
    json_string(g_mime_content_type_get_parameter(type, "charset"));
    fputs(",\"disposition\":", stdout);
    json_string(g_mime_object_get_disposition(object));
    long size = 0;
    char *digest = NULL;
    if (GMIME_IS_PART(object)) {
        fputs(",\"filename\":", stdout);
        json_string(g_mime_part_get_filename(GMIME_PART(object)));
        GMimeDataWrapper *content = g_mime_part_get_content(GMIME_PART(object));
        GMimeStream *null = g_mime_stream_null_new();
        GMimeStream *filtered = g_mime_stream_filter_new(null);
        GMimeFilter *checksum = g_mime_filter_checksum_new(G_CHECKSUM_SHA256);
        g_mime_stream_filter_add(GMIME_STREAM_FILTER(filtered), checksum);
        if (content) g_mime_data_wrapper_write_to_stream(content, filtered);
        g_mime_stream_flush(filtered);
        size = (long)GMIME_STREAM_NULL(null)->written;
        digest = g_mime_filter_checksum_get_string(GMIME_FILTER_CHECKSUM(checksum));
        g_object_unref(checksum);
        g_object_unref(filtered);
        g_object_unref(null);
    } else {
        fputs(",\"filename\":null", stdout);
    }
    printf(",\"size\":%ld,\"sha256\":", size);
    json_string(digest);
    putchar('}');
    g_free(digest);
    g_free(mime);
}

static void walk(GMimeObject *object, const char *path, Parts *parts);

static void walk_message(GMimeMessage *message, const char *path, Parts *parts) {
    GMimeObject *body = g_mime_message_get_mime_part(message);
    if (body) walk(body, path, parts);
}

static void walk(GMimeObject *object, const char *path, Parts *parts) {
    if (GMIME_IS_MULTIPART(object)) {
        GMimeMultipart *multipart = GMIME_MULTIPART(object);
        int count = g_mime_multipart_get_count(multipart);
        for (int i = 0; i < count; i++) {
            char child[256];
            if (*path) snprintf(child, sizeof child, "%s.%d", path, i + 1);
            else snprintf(child, sizeof child, "%d", i + 1);
            walk(g_mime_multipart_get_part(multipart, i), child, parts);
        }
    } else if (GMIME_IS_MESSAGE_PART(object)) {
        GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
        if (inner) walk_message(inner, path, parts);
    } else {
        leaf(object, *path ? path : "1", parts);
    }
}

static int print_message(const char *file) {
    int fd = open(file, O_RDONLY);
    if (fd < 0) return -1;
    GMimeStream *stream = g_mime_stream_fs_new(fd);
    GMimeParser *parser = g_mime_parser_new_with_stream(stream);
    GMimeMessage *message = g_mime_parser_construct_message(parser, NULL);
    fputs("{\"messageId\":", stdout);
    json_string(message ? g_mime_message_get_message_id(message) : NULL);
    fputs(",\"subject\":", stdout);
    json_string(message ? g_mime_message_get_subject(message) : NULL);
    fputs(",\"from\":[", stdout);
    if (message) {
        InternetAddressList *from = g_mime_message_get_from(message);
        int n = internet_address_list_length(from);
        for (int i = 0; i < n; i++) {
            InternetAddress *address = internet_address_list_get_address(from, i);
            if (i) putchar(',');
            fputs("{\"name\":", stdout);
            json_string(internet_address_get_name(address));
            fputs(",\"address\":", stdout);
            json_string(INTERNET_ADDRESS_IS_MAILBOX(address)
                            ? internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address)) : NULL);
            putchar('}');
        }
    }
    fputs("],\"date\":", stdout);
    GDateTime *date = message ? g_mime_message_get_date(message) : NULL;
    if (date) {
        GDateTime *utc = g_date_time_to_utc(date);
        char *text = g_date_time_format(utc, "%Y-%m-%dT%H:%M:%SZ");
        json_string(text);
        g_free(text);
        g_date_time_unref(utc);
    } else {
        fputs("null", stdout);
    }
    fputs(",\"parts\":[", stdout);
    Parts parts = {1};
    if (message) walk_message(message, "", &parts);
    fputs("],\"warnings\":[]}\n", stdout);
    if (message) g_object_unref(message);
    g_object_unref(parser);
    g_object_unref(stream);
    return 0;
}

int main(int argc, char **argv) {
    g_mime_init();
    int status = 0;
    for (int i = 1; i < argc; i++) {
        if (print_message(argv[i]) != 0) {
            fprintf(stderr, "gmime-parse-json: cannot read %s\n", argv[i]);
            status = 2;
        }
    }
    fflush(stdout);
    return status;
}
