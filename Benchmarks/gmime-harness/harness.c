/* GMime 3 reference for mime-bench: the same full job as MIMEParser's, on the same files.
 *
 * Loads every .eml file of a folder into memory first, then times only parsing, walking
 * and decoding: g_mime_parser over a memory stream that does not copy the bytes, the
 * header fields intake reads, every part, and every leaf's content transfer-decoded by
 * g_mime_data_wrapper_write_to_stream into a null stream (which counts the bytes).
 *
 * Build: cc -O2 harness.c $(pkg-config --cflags --libs gmime-3.0) -o gmime-harness
 * Usage: gmime-harness DIR CORPUS RUNS      prints one JSON line, like mime-bench run
 */
#include <dirent.h>
#include <gmime/gmime.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    long messages, parts, decoded, header_chars;
} Tally;

static double now(clockid_t clock) {
    struct timespec ts;
    clock_gettime(clock, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long status_kb(const char *key) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = 0;
    if (!f) return 0;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, key, strlen(key)) == 0) kb = strtol(line + strlen(key), NULL, 10);
    }
    fclose(f);
    return kb;
}

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void visit(GMimeObject *parent, GMimeObject *part, gpointer data);

static void walk_message(GMimeMessage *message, Tally *tally) {
    const char *subject = g_mime_message_get_subject(message);
    if (subject) tally->header_chars += strlen(subject);
    InternetAddressList *from = g_mime_message_get_from(message);
    InternetAddressList *to = g_mime_message_get_to(message);
    InternetAddressList *cc = g_mime_message_get_cc(message);
    tally->header_chars += internet_address_list_length(from) + internet_address_list_length(to) +
                           internet_address_list_length(cc);
    const char *id = g_mime_message_get_message_id(message);
    if (id) tally->header_chars += strlen(id);
    if (g_mime_message_get_date(message)) tally->header_chars += 1;
    GMimeObject *body = g_mime_message_get_mime_part(message);
    if (GMIME_IS_MULTIPART(body)) {
        g_mime_multipart_foreach(GMIME_MULTIPART(body), visit, tally);
    } else if (body) {
        visit(NULL, body, tally);
    }
}

static void visit(GMimeObject *parent, GMimeObject *part, gpointer data) {
    Tally *tally = data;
    (void)parent;
    if (GMIME_IS_MESSAGE_PART(part)) {
        GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(part));
        if (inner) walk_message(inner, tally);
    } else if (GMIME_IS_PART(part)) {
        tally->parts++;
        const char *filename = g_mime_part_get_filename(GMIME_PART(part));
        if (filename) tally->header_chars += strlen(filename);
        GMimeDataWrapper *content = g_mime_part_get_content(GMIME_PART(part));
        if (content) {
            GMimeStream *null = g_mime_stream_null_new();
            g_mime_data_wrapper_write_to_stream(content, null);
            tally->decoded += (long)GMIME_STREAM_NULL(null)->written;
            g_object_unref(null);
        }
    }
}

static Tally pass(GByteArray **messages, int count) {
    Tally tally = {0};
    for (int i = 0; i < count; i++) {
        GMimeStream *stream = g_mime_stream_mem_new_with_byte_array(messages[i]);
        g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(stream), FALSE);
        GMimeParser *parser = g_mime_parser_new_with_stream(stream);
        GMimeMessage *message = g_mime_parser_construct_message(parser, NULL);
        if (message) {
            tally.messages++;
            walk_message(message, &tally);
            g_object_unref(message);
        }
        g_object_unref(parser);
        g_object_unref(stream);
    }
    return tally;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s DIR CORPUS RUNS\n", argv[0]);
        return 2;
    }
    const char *dir = argv[1];
    int runs = atoi(argv[3]);
    g_mime_init();

    DIR *d = opendir(dir);
    if (!d) {
        perror(dir);
        return 2;
    }
    int cap = 1024, n = 0;
    char **names = malloc(cap * sizeof *names);
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 4 || strcmp(e->d_name + len - 4, ".eml") != 0) continue;
        if (n == cap) names = realloc(names, (cap *= 2) * sizeof *names);
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);

    GByteArray **messages = malloc(n * sizeof *messages);
    long total = 0;
    for (int i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        gchar *data;
        gsize len;
        if (!g_file_get_contents(path, &data, &len, NULL)) {
            fprintf(stderr, "cannot read %s\n", path);
            return 2;
        }
        messages[i] = g_byte_array_new_take((guint8 *)data, len);
        total += (long)len;
    }
    /* Reset VmHWM so the peak measures the job, not the loading. */
    FILE *clear = fopen("/proc/self/clear_refs", "w");
    if (clear) {
        fputs("5", clear);
        fclose(clear);
    }
    long base_kb = status_kb("VmRSS:");

    double best_wall = 1e30, best_cpu = 1e30;
    Tally tally = {0};
    for (int r = 0; r < runs; r++) {
        double w0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
        tally = pass(messages, n);
        double c = now(CLOCK_PROCESS_CPUTIME_ID) - c0, w = now(CLOCK_MONOTONIC) - w0;
        if (c < best_cpu) best_cpu = c;
        if (w < best_wall) best_wall = w;
    }
    printf("{\"base_kb\":%ld,\"bytes\":%ld,\"corpus\":\"%s\",\"cpu\":%.6f,\"decoded\":%ld,\"hwm_kb\":%ld,"
           "\"messages\":%ld,\"parser\":\"GMime %d.%d.%d (C)\",\"parts\":%ld,\"wall\":%.6f}\n",
           base_kb, total, argv[2], best_cpu, tally.decoded, status_kb("VmHWM:"), tally.messages,
           gmime_major_version, gmime_minor_version, gmime_micro_version, tally.parts, best_wall);
    return 0;
}
