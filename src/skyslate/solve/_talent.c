/* The hot core of skyslate's exact talent scheduler (see talent_search.py).
 *
 * Branch and bound with memoisation over Q, the set of scenes still to shoot
 * (at most 64 scenes and 64 actors after reduction, one bit each). Who waits
 * on set follows from Q alone, so the optimal holding cost of the rest, V(Q),
 * is a function of Q (Garcia de la Banda, Stuckey & Chu 2011). search(Q, U)
 * returns V(Q) when V(Q) < U, otherwise a proven lower bound >= U; both kinds
 * of answer go into a bounded hash table that replaces cheap entries when
 * full, so memory stays capped and the search only slows down.
 *
 * Lower bound of V(Q): the actors waiting on set must each stay until their
 * last scene; a waiting actor a holds through every scene that only another
 * waiting actor b plays in, if b finishes first. With p_b = days of b's
 * exclusive scenes, the cheapest order of finishing is Smith's ratio rule
 * (p / cost ascending), a single-machine weighted completion time bound.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAXN 64
#define BUCKET 4
#define INF INT64_MAX / 4

typedef uint64_t mask_t;

typedef struct {
    mask_t key; /* Q; 0 marks an empty slot (the empty set is never stored) */
    int64_t value;
    int8_t exact;
    int8_t best; /* next scene of an optimal order of Q when exact */
} entry_t;

typedef struct {
    int n, m;
    int64_t dur[MAXN];
    int64_t cost[MAXN];
    mask_t cast[MAXN];   /* actors of each scene */
    mask_t scenes[MAXN]; /* scenes of each actor */
    mask_t all;
    int64_t pay_table[8][256]; /* daily cost of an actor set, one byte at a time */

    entry_t *table;
    uint64_t slots, used, cap_slots;

    /* anytime incumbent: a prefix of scenes plus an optimally solved tail set */
    int64_t best;
    int inc_prefix[MAXN];
    int inc_len;
    mask_t inc_tail;
    int path[MAXN];
    int depth;

    double deadline; /* < 0: none */
    double next_report;
    PyObject *report;
    uint64_t nodes;
    int aborted;
    int python_error;
} solver_t;

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static inline int64_t pay(const solver_t *S, mask_t actors) {
    int64_t total = 0;
    for (int byte = 0; actors; byte++, actors >>= 8) total += S->pay_table[byte][actors & 0xff];
    return total;
}

static inline uint64_t mix(uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/* ---- bounded memo -------------------------------------------------------- */

static entry_t *lookup(const solver_t *S, mask_t q) {
    entry_t *bucket = S->table + (mix(q) & (S->slots / BUCKET - 1)) * BUCKET;
    for (int i = 0; i < BUCKET; i++)
        if (bucket[i].key == q) return &bucket[i];
    return NULL;
}

static void put_raw(solver_t *S, mask_t q, int64_t value, int exact, int best) {
    entry_t *bucket = S->table + (mix(q) & (S->slots / BUCKET - 1)) * BUCKET;
    entry_t *victim = NULL;
    for (int i = 0; i < BUCKET; i++) {
        if (bucket[i].key == q || bucket[i].key == 0) {
            victim = &bucket[i];
            break;
        }
    }
    if (victim == NULL) {
        /* Full: drop the entry with the fewest scenes left, the cheapest to redo. */
        victim = &bucket[0];
        for (int i = 1; i < BUCKET; i++)
            if (__builtin_popcountll(bucket[i].key) < __builtin_popcountll(victim->key))
                victim = &bucket[i];
    }
    if (victim->key == 0) S->used++;
    victim->key = q;
    victim->value = value;
    victim->exact = (int8_t)exact;
    victim->best = (int8_t)best;
}

static void grow(solver_t *S) {
    uint64_t old_slots = S->slots;
    entry_t *old = S->table;
    entry_t *bigger = calloc(old_slots * 2, sizeof(entry_t));
    if (bigger == NULL) {
        S->cap_slots = old_slots; /* no memory: keep replacing instead */
        return;
    }
    S->table = bigger;
    S->slots = old_slots * 2;
    S->used = 0;
    for (uint64_t i = 0; i < old_slots; i++)
        if (old[i].key) put_raw(S, old[i].key, old[i].value, old[i].exact, old[i].best);
    free(old);
}

static void store(solver_t *S, mask_t q, int64_t value, int exact, int best) {
    if (S->used * 2 > S->slots && S->slots < S->cap_slots) grow(S);
    put_raw(S, q, value, exact, best);
}

/* ---- state helpers ------------------------------------------------------- */

/* Actors waiting on set before shooting the next scene of Q: one scene shot, one to come. */
static mask_t waiting(const solver_t *S, mask_t q) {
    mask_t done = S->all & ~q, on_set = 0;
    for (int a = 0; a < S->m; a++)
        if ((S->scenes[a] & q) && (S->scenes[a] & done)) on_set |= (mask_t)1 << a;
    return on_set;
}

/* Waiting set after shooting scene s from Q whose waiting set is on_set. */
static inline mask_t waiting_after(const solver_t *S, mask_t on_set, mask_t rest, int s) {
    mask_t next = on_set | S->cast[s];
    for (mask_t bits = S->cast[s]; bits; bits &= bits - 1) {
        int a = __builtin_ctzll(bits);
        if (!(S->scenes[a] & rest)) next &= ~((mask_t)1 << a);
    }
    /* an actor of s may have all other scenes shot already: they leave with s too */
    return next;
}

static int64_t bound(const solver_t *S, mask_t q, mask_t on_set) {
    if (on_set == 0 || (on_set & (on_set - 1)) == 0) return 0;
    int64_t own[MAXN];
    int ids[MAXN], k = 0;
    for (mask_t bits = on_set; bits; bits &= bits - 1) own[__builtin_ctzll(bits)] = 0;
    for (mask_t bits = q; bits; bits &= bits - 1) {
        int s = __builtin_ctzll(bits);
        mask_t here = S->cast[s] & on_set;
        if (here && (here & (here - 1)) == 0) own[__builtin_ctzll(here)] += S->dur[s];
    }
    for (mask_t bits = on_set; bits; bits &= bits - 1) {
        int a = __builtin_ctzll(bits), j = k++;
        /* insertion sort by own / cost ascending, compared crosswise to stay in integers */
        while (j > 0 && own[a] * S->cost[ids[j - 1]] < own[ids[j - 1]] * S->cost[a]) {
            ids[j] = ids[j - 1];
            j--;
        }
        ids[j] = a;
    }
    int64_t total = 0, elapsed = 0;
    for (int i = 0; i < k; i++) {
        total += S->cost[ids[i]] * elapsed;
        elapsed += own[ids[i]];
    }
    return total;
}

static int64_t state_bound(const solver_t *S, mask_t q, mask_t on_set) {
    int64_t low = bound(S, q, on_set);
    const entry_t *e = lookup(S, q);
    if (e != NULL && e->value > low) low = e->value;
    return low;
}

/* ---- the search ---------------------------------------------------------- */

typedef struct {
    int64_t low, step;
    mask_t on_set;
    int scene;
} child_t;

static void sort_children(child_t *c, int k) {
    for (int i = 1; i < k; i++) {
        child_t x = c[i];
        int j = i;
        while (j > 0 && (c[j - 1].low > x.low || (c[j - 1].low == x.low && c[j - 1].step < x.step))) {
            c[j] = c[j - 1];
            j--;
        }
        c[j] = x;
    }
}

static int64_t root_bound(solver_t *S, mask_t q, mask_t on_set, int depth);

static void check_clock(solver_t *S) {
    double t = now_seconds();
    if (S->deadline >= 0 && t > S->deadline) S->aborted = 1;
    if (PyErr_CheckSignals() != 0) {
        S->aborted = 1;
        S->python_error = 1;
    }
    if (S->report != NULL && t >= S->next_report && !S->aborted) {
        S->next_report = t + 0.2;
        int64_t low = root_bound(S, S->all, 0, 1);
        PyObject *r = PyObject_CallFunction(S->report, "LL", (long long)S->best, (long long)low);
        if (r == NULL) {
            S->aborted = 1;
            S->python_error = 1;
        }
        Py_XDECREF(r);
    }
}

static void new_incumbent(solver_t *S, int64_t total, mask_t tail) {
    S->best = total;
    memcpy(S->inc_prefix, S->path, sizeof(int) * (size_t)S->depth);
    S->inc_len = S->depth;
    S->inc_tail = tail;
}

static int64_t search(solver_t *S, mask_t q, mask_t on_set, int64_t budget, int64_t prefix) {
    if (q == 0) {
        if (prefix < S->best) new_incumbent(S, prefix, 0);
        return 0;
    }
    const entry_t *e = lookup(S, q);
    if (e != NULL && (e->exact || e->value >= budget)) {
        if (e->exact && e->value < budget && prefix + e->value < S->best)
            new_incumbent(S, prefix + e->value, q);
        return e->value;
    }
    if ((++S->nodes & 1023) == 0) check_clock(S);
    if (S->aborted) return INF;

    child_t kids[MAXN];
    int k = 0;
    for (mask_t bits = q; bits; bits &= bits - 1) {
        int s = __builtin_ctzll(bits);
        mask_t rest = q & ~((mask_t)1 << s);
        mask_t next = waiting_after(S, on_set, rest, s);
        child_t c;
        c.scene = s;
        c.on_set = next;
        c.step = S->dur[s] * pay(S, on_set & ~S->cast[s]);
        c.low = c.step + (rest ? state_bound(S, rest, next) : 0);
        if (S->cast[s] == on_set) { /* forced: nobody extra waits, nobody new arrives */
            kids[0] = c;
            k = 1;
            break;
        }
        kids[k++] = c;
    }
    sort_children(kids, k);

    int64_t best = INF, failed = INF;
    int best_scene = -1;
    for (int i = 0; i < k; i++) {
        int64_t limit = budget < best ? budget : best;
        if (kids[i].low >= limit) {
            if (kids[i].low < failed) failed = kids[i].low;
            break;
        }
        S->path[S->depth++] = kids[i].scene;
        int64_t value = kids[i].step + search(S, q & ~((mask_t)1 << kids[i].scene), kids[i].on_set,
                                              limit - kids[i].step, prefix + kids[i].step);
        S->depth--;
        if (S->aborted) return INF;
        if (value < best) {
            best = value;
            best_scene = kids[i].scene;
        } else if (value < failed) {
            failed = value;
        }
    }
    if (best < budget) {
        store(S, q, best, 1, best_scene);
        return best;
    }
    int64_t low = best < failed ? best : failed;
    store(S, q, low, 0, -1);
    return low;
}

/* A proven lower bound on V(Q) from the memo and one or more levels of expansion. */
static int64_t root_bound(solver_t *S, mask_t q, mask_t on_set, int depth) {
    if (q == 0) return 0;
    if (depth == 0 && on_set == 0) on_set = waiting(S, q);
    const entry_t *e = lookup(S, q);
    if (e != NULL && e->exact) return e->value;
    int64_t here = state_bound(S, q, on_set == 0 ? waiting(S, q) : on_set);
    if (depth == 0) return here;
    if (on_set == 0) on_set = waiting(S, q);
    int64_t low = INF;
    for (mask_t bits = q; bits; bits &= bits - 1) {
        int s = __builtin_ctzll(bits);
        mask_t rest = q & ~((mask_t)1 << s);
        mask_t next = waiting_after(S, on_set, rest, s);
        int64_t v = S->dur[s] * pay(S, on_set & ~S->cast[s]) + root_bound(S, rest, next, depth - 1);
        if (v < low) low = v;
    }
    return low > here ? low : here;
}

/* Beam search for a strong first incumbent: keep the `width` best partial orders by g + bound. */
typedef struct {
    mask_t q, on_set;
    int64_t g, f;
    int order[MAXN];
} beam_t;

static int cmp_beam(const void *x, const void *y) {
    const beam_t *a = x, *b = y;
    if (a->f != b->f) return a->f < b->f ? -1 : 1;
    if (a->q != b->q) return a->q < b->q ? -1 : 1;
    return a->g < b->g ? -1 : (a->g > b->g);
}

static int beam(solver_t *S, int width, int *out, int64_t *out_cost) {
    beam_t *cur = malloc(sizeof(beam_t) * (size_t)width);
    beam_t *cand = malloc(sizeof(beam_t) * (size_t)width * (size_t)S->n);
    if (cur == NULL || cand == NULL) {
        free(cur);
        free(cand);
        return -1;
    }
    int k = 1;
    cur[0].q = S->all;
    cur[0].on_set = 0;
    cur[0].g = 0;
    for (int step = 0; step < S->n; step++) {
        int c = 0;
        for (int i = 0; i < k; i++) {
            for (mask_t bits = cur[i].q; bits; bits &= bits - 1) {
                int s = __builtin_ctzll(bits);
                beam_t *b = &cand[c++];
                b->q = cur[i].q & ~((mask_t)1 << s);
                b->on_set = waiting_after(S, cur[i].on_set, b->q, s);
                b->g = cur[i].g + S->dur[s] * pay(S, cur[i].on_set & ~S->cast[s]);
                b->f = b->g + bound(S, b->q, b->on_set);
                memcpy(b->order, cur[i].order, sizeof(int) * (size_t)step);
                b->order[step] = s;
            }
        }
        qsort(cand, (size_t)c, sizeof(beam_t), cmp_beam);
        k = 0;
        for (int i = 0; i < c && k < width; i++) {
            int duplicate = 0;
            for (int j = 0; j < k; j++)
                if (cur[j].q == cand[i].q && cur[j].g <= cand[i].g) duplicate = 1;
            if (!duplicate) cur[k++] = cand[i];
        }
    }
    int best = 0;
    for (int i = 1; i < k; i++)
        if (cur[i].g < cur[best].g) best = i;
    memcpy(out, cur[best].order, sizeof(int) * (size_t)S->n);
    *out_cost = cur[best].g;
    free(cur);
    free(cand);
    return 0;
}

/* Fill out[] with an optimal order of the tail set q (its value is known to be exact). */
static void complete(solver_t *S, mask_t q, int *out) {
    int len = 0;
    double deadline = S->deadline;
    S->deadline = -1;
    PyObject *report = S->report;
    S->report = NULL;
    while (q) {
        const entry_t *e = lookup(S, q);
        if (e == NULL || !e->exact) {
            int64_t saved_best = S->best;
            S->best = -1; /* keep the incumbent record untouched while re-solving */
            search(S, q, waiting(S, q), INF, 0);
            S->best = saved_best;
            e = lookup(S, q);
        }
        out[len++] = e->best;
        q &= ~((mask_t)1 << e->best);
    }
    S->deadline = deadline;
    S->report = report;
}

static PyObject *py_solve(PyObject *self, PyObject *args) {
    PyObject *durations, *costs, *casts, *report;
    double limit;
    if (!PyArg_ParseTuple(args, "OOOdO", &durations, &costs, &casts, &limit, &report)) return NULL;
    solver_t *S = calloc(1, sizeof(solver_t));
    if (S == NULL) return PyErr_NoMemory();
    S->n = (int)PyList_Size(durations);
    S->m = (int)PyList_Size(costs);
    if (S->n < 1 || S->n > MAXN || S->m > MAXN || PyList_Size(casts) != S->n) {
        free(S);
        PyErr_SetString(PyExc_ValueError, "need 1..64 scenes and at most 64 actors");
        return NULL;
    }
    for (int s = 0; s < S->n; s++) {
        S->dur[s] = PyLong_AsLongLong(PyList_GetItem(durations, s));
        S->cast[s] = PyLong_AsUnsignedLongLong(PyList_GetItem(casts, s));
    }
    for (int a = 0; a < S->m; a++) S->cost[a] = PyLong_AsLongLong(PyList_GetItem(costs, a));
    if (PyErr_Occurred()) {
        free(S);
        return NULL;
    }
    S->all = S->n == 64 ? ~(mask_t)0 : (((mask_t)1 << S->n) - 1);
    for (int a = 0; a < S->m; a++)
        for (int s = 0; s < S->n; s++)
            if (S->cast[s] >> a & 1) S->scenes[a] |= (mask_t)1 << s;
    for (int byte = 0; byte < 8; byte++)
        for (int bits = 0; bits < 256; bits++) {
            int64_t total = 0;
            for (int i = 0; i < 8; i++)
                if ((bits >> i & 1) && byte * 8 + i < S->m) total += S->cost[byte * 8 + i];
            S->pay_table[byte][bits] = total;
        }
    S->slots = 1 << 16;
    S->cap_slots = (uint64_t)1 << 23; /* 8 Mi entries, 192 MiB: then entries get replaced */
    S->table = calloc(S->slots, sizeof(entry_t));
    if (S->table == NULL) {
        free(S);
        return PyErr_NoMemory();
    }
    double started = now_seconds();
    S->deadline = limit < 0 ? -1 : started + limit;
    S->report = report == Py_None ? NULL : report;
    S->next_report = started + 0.2;

    int first[MAXN];
    int64_t first_cost;
    if (beam(S, 64, first, &first_cost) != 0) {
        free(S->table);
        free(S);
        return PyErr_NoMemory();
    }
    S->best = first_cost;
    memcpy(S->inc_prefix, first, sizeof(first));
    S->inc_len = S->n;
    S->inc_tail = 0;

    int64_t value = search(S, S->all, 0, first_cost, 0);
    int64_t low;
    if (S->python_error) {
        free(S->table);
        free(S);
        return NULL;
    }
    if (!S->aborted) {
        low = value < first_cost ? value : first_cost;
    } else {
        S->aborted = 0;
        low = root_bound(S, S->all, 0, 2);
        if (low > S->best) low = S->best;
    }
    int order[MAXN];
    memcpy(order, S->inc_prefix, sizeof(int) * (size_t)S->inc_len);
    if (S->inc_tail) complete(S, S->inc_tail, order + S->inc_len);
    int64_t holding = S->best;

    PyObject *list = PyList_New(S->n);
    for (int i = 0; i < S->n; i++) PyList_SET_ITEM(list, i, PyLong_FromLong(order[i]));
    PyObject *result = Py_BuildValue("(NLL)", list, (long long)holding, (long long)low);
    free(S->table);
    free(S);
    return result;
}

static PyMethodDef methods[] = {
    {"solve", py_solve, METH_VARARGS,
     "solve(durations, costs, cast_masks, time_limit, report) -> (order, holding, bound)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_talent",
                                    "Compiled core of the exact talent scheduler.", -1, methods};

PyMODINIT_FUNC PyInit__talent(void) { return PyModule_Create(&module); }
