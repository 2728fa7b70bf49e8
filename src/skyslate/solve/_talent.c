/* The hot core of skyslate's exact talent scheduler (see talent_search.py).
 *
 * Branch and bound with memoisation, building the order from both ends
 * (Garcia de la Banda, Stuckey & Chu 2011): each move shoots the next scene at
 * the front or at the back of the unshot middle Q (see at_front()).
 * A state is (Q, F, B): F = actors already on set from the front who still
 * have scenes in Q, B = actors needed again at the back who have scenes in Q.
 * An actor seen at both ends waits through all of Q whatever its order, so
 * that cost is paid on the move that makes it so and the actor leaves the
 * state. search(state, U) returns the optimal remaining holding cost V when
 * V < U, else a proven lower bound >= U; both go into a bounded hash table
 * that replaces the cheapest entries when full (memory stays capped, the
 * search only slows down).
 *
 * Lower bound: an actor of F stays until its last scene in Q; if actor b of F
 * finishes first, a holds through every scene of Q that b alone (within F)
 * plays. These exclusive parts are disjoint, so the cheapest finishing order
 * is Smith's ratio rule (days / cost ascending): a single-machine weighted
 * completion time bound. The same holds for B mirrored, and F, B are disjoint.
 * side_with() adds a pairwise bound that also counts scenes shared by waiting actors, and
 * cross() a bound that couples the two ends (the strongest on dense casts).
 *
 * One translation unit on purpose: the compiler inlines the hot helpers.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <math.h>
#include <sys/mman.h>

#ifndef TALENT_WIDE
#define TALENT_WIDE 0
#endif
#define BUCKET 4
#define INF (INT64_MAX / 4)
#define BACK 128 /* added to a recorded move made at the back end */

/* Population count without -mpopcnt: gcc's builtin then calls libgcc's __popcountdi2
 * (5% of Shaw2020's profile); this SWAR form inlines to a dozen instructions anywhere. */
static inline int pc64(uint64_t x) {
    x = x - ((x >> 1) & 0x5555555555555555ULL);
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
    return (int)((x * 0x0101010101010101ULL) >> 56);
}

/* Sets of scenes and of actors are bit masks: 64 bits in `_talent`, 128 in `_talent_wide`
 * (the same source built with TALENT_WIDE=1, for instances past 64 scenes or actors). */
#if TALENT_WIDE
#define MAXN 128
typedef unsigned __int128 mask_t;
static inline int ctz(mask_t x) {
    uint64_t low = (uint64_t)x;
    return low ? __builtin_ctzll(low) : 64 + __builtin_ctzll((uint64_t)(x >> 64));
}
static inline int pc(mask_t x) { return pc64((uint64_t)x) + pc64((uint64_t)(x >> 64)); }
static inline uint64_t fold(mask_t x) { return (uint64_t)x ^ (uint64_t)(x >> 64) * 0xff51afd7ed558ccdULL; }
#else
#define MAXN 64
typedef uint64_t mask_t;
static inline int ctz(mask_t x) { return __builtin_ctzll(x); }
static inline int pc(mask_t x) { return pc64(x); }
static inline uint64_t fold(mask_t x) { return x; }
#endif

typedef struct {
    mask_t q, front, back;
} state_t;

/* 32 bytes in `_talent`, so a bucket of 4 is two cache lines: the value in the low 55 bits (a
 * lower bound above that is stored as 2^55 - 1, still far above any cost the core takes: below
 * 2^52), then whether it is exact, then in the top 8 bits 1 + the move of an optimal completion
 * when it is (up to 128 scenes). */
typedef struct {
    state_t key; /* key.q == 0 marks an empty slot (the empty middle is never stored) */
    uint64_t packed;
} entry_t;

#define VALUE_BITS 55
#define VALUE_MAX (((int64_t)1 << VALUE_BITS) - 1)
_Static_assert(MAXN < (1 << (63 - VALUE_BITS)), "1 + a move (scene index) fits the top bits");

static inline int64_t entry_value(const entry_t *e) { return (int64_t)(e->packed & VALUE_MAX); }
static inline int entry_exact(const entry_t *e) { return (int)(e->packed >> VALUE_BITS & 1); }
static inline int entry_best(const entry_t *e) { return (int)(e->packed >> (VALUE_BITS + 1)) - 1; }

static inline uint64_t pack(int64_t value, int exact, int best) {
    if (value > VALUE_MAX) value = VALUE_MAX;
    return (uint64_t)value | (uint64_t)(exact != 0) << VALUE_BITS | (uint64_t)(best + 1) << (VALUE_BITS + 1);
}

typedef struct {
    int n, m;
    int64_t dur[MAXN];
    int64_t cost[MAXN];
    mask_t cast[MAXN];   /* actors of each scene */
    mask_t scenes[MAXN]; /* scenes of each actor */
    mask_t all;
    int64_t pay_table[MAXN / 8][256]; /* daily cost of an actor set, one byte at a time */

    entry_t *table;
    uint64_t slots, used, cap_slots;

    /* anytime incumbent: moves from the root, then an optimally solved tail state */
    int64_t best;
    int inc_moves[MAXN];
    int inc_len;
    state_t inc_tail;
    int path[MAXN];

    PyThreadState *thread; /* saved while the search runs without the GIL */
    double deadline; /* < 0: none */
    double limit;    /* seconds, < 0: none */
    double next_report;
    PyObject *report;
    uint64_t nodes;
    uint64_t clock_mask; /* look at the clock when nodes & clock_mask == 0 */
    int64_t proven; /* a lower bound on the root's value proven by a finished pass */
    int aborted;
    int python_error;
} solver_t;

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Whether a deadline (seconds; < 0: none) has passed. */
static inline int past(double until) { return until >= 0 && now_seconds() > until; }

static inline int64_t pay(const solver_t *S, mask_t actors) {
    int64_t total = 0;
    for (int byte = 0; actors; byte++, actors >>= 8) total += S->pay_table[byte][(unsigned)(actors & 0xff)];
    return total;
}

static inline int64_t days(const solver_t *S, mask_t scenes) {
    int64_t total = 0;
    for (; scenes; scenes &= scenes - 1) total += S->dur[ctz(scenes)];
    return total;
}

static inline uint64_t mix(state_t k) {
    uint64_t x = fold(k.q) * 0x9e3779b97f4a7c15ULL ^ fold(k.front) * 0xc2b2ae3d27d4eb4fULL ^ fold(k.back);
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

static inline int same(state_t a, state_t b) {
    return a.q == b.q && a.front == b.front && a.back == b.back;
}

/* ---- bounded memo -------------------------------------------------------- */

/* A middle and its mirror image (front and back waiting sets swapped) cost the same, by the
 * reversal symmetry, so they share one memo entry; the stored best move is a scene, and
 * at_front() sends both to the same physical end. Depth-1 states are left alone: their
 * values carry the root's symmetry restriction. */
static inline state_t canon(const solver_t *S, state_t k) {
    if (k.front > k.back && S->n - pc(k.q) >= 2) {
        mask_t t = k.front;
        k.front = k.back;
        k.back = t;
    }
    return k;
}

static inline entry_t *bucket_of(const solver_t *S, state_t k) {
    return S->table + (mix(canon(S, k)) & (S->slots / BUCKET - 1)) * BUCKET;
}

static entry_t *lookup(const solver_t *S, state_t k) {
    k = canon(S, k);
    entry_t *bucket = S->table + (mix(k) & (S->slots / BUCKET - 1)) * BUCKET;
    for (int i = 0; i < BUCKET; i++)
        if (same(bucket[i].key, k)) return &bucket[i];
    return NULL;
}

static void put_raw(solver_t *S, state_t k, uint64_t packed) {
    entry_t *bucket = S->table + (mix(k) & (S->slots / BUCKET - 1)) * BUCKET;
    entry_t *victim = NULL;
    for (int i = 0; i < BUCKET; i++) {
        if (bucket[i].key.q == 0 || same(bucket[i].key, k)) {
            victim = &bucket[i];
            break;
        }
    }
    if (victim == NULL) {
        /* Full: drop the entry with the fewest scenes left, the cheapest to redo. */
        victim = &bucket[0];
        for (int i = 1; i < BUCKET; i++)
            if (pc(bucket[i].key.q) < pc(victim->key.q))
                victim = &bucket[i];
    }
    if (victim->key.q == 0) S->used++;
    victim->key = k;
    victim->packed = packed;
}

/* Zeroed memory for the memo. Big tables come from mmap with transparent huge pages asked
 * for: lookups land anywhere in the table, and 4 KiB pages made every one a TLB miss. */
#define HUGE_FROM ((size_t)4 << 20)
static entry_t *table_alloc(uint64_t slots) {
    size_t bytes = (size_t)slots * sizeof(entry_t);
    if (bytes < HUGE_FROM) {
        void *p = aligned_alloc(64, bytes); /* buckets start on cache lines */
        if (p != NULL) memset(p, 0, bytes);
        return p;
    }
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return NULL;
#ifdef MADV_HUGEPAGE
    madvise(p, bytes, MADV_HUGEPAGE);
#endif
    return p;
}

static void table_free(entry_t *table, uint64_t slots) {
    size_t bytes = (size_t)slots * sizeof(entry_t);
    if (bytes < HUGE_FROM)
        free(table);
    else
        munmap(table, bytes);
}

static void grow(solver_t *S) {
    uint64_t old_slots = S->slots;
    entry_t *old = S->table;
    entry_t *bigger = table_alloc(old_slots * 2);
    if (bigger == NULL) {
        S->cap_slots = old_slots; /* no memory: keep replacing instead */
        return;
    }
    S->table = bigger;
    S->slots = old_slots * 2;
    S->used = 0;
    for (uint64_t i = 0; i < old_slots; i++)
        if (old[i].key.q) put_raw(S, old[i].key, old[i].packed);
    table_free(old, old_slots);
}

static void store(solver_t *S, state_t k, int64_t value, int exact, int best) {
    if (S->used * 2 > S->slots && S->slots < S->cap_slots) grow(S);
    put_raw(S, canon(S, k), pack(value, exact, best));
}

/* ---- moves and bounds ---------------------------------------------------- */

/* Which end gets the next scene: the first two moves open both ends; then the end whose
 * waiting actors cost less per day (measured: fewer nodes than strict alternation on
 * random instances, about the same on the named ones). */
static inline int at_front(const solver_t *S, state_t st) {
    int depth = S->n - pc(st.q);
    if (depth < 2) return depth == 0;
    int64_t f = pay(S, st.front), b = pay(S, st.back);
    /* ties go by the masks so that a state and its mirror pick the same physical end */
    return f < b || (f == b && st.front <= st.back);
}

/* Shoot scene s at the front (or back) of the middle: the new state and the holding it costs. */
static inline state_t place(const solver_t *S, state_t st, int s, int front, int64_t *step) {
    mask_t rest = st.q & ~((mask_t)1 << s);
    mask_t wait = front ? st.front : st.back;
    mask_t other = front ? st.back : st.front;
    mask_t cast = S->cast[s];
    int64_t cost = S->dur[s] * pay(S, wait & ~cast);
    /* seen at both ends now: waits through every remaining scene it does not play */
    mask_t both = cast & other;
    if (both) {
        int64_t rest_days = days(S, rest);
        for (mask_t bits = both; bits; bits &= bits - 1) {
            int a = ctz(bits);
            cost += S->cost[a] * (rest_days - days(S, rest & S->scenes[a]));
        }
    }
    /* Actors of s: a waiting one leaves after its last scene; a fresh one (no scene shot
     * yet) starts waiting at this end; one already paid for at both ends stays out. */
    mask_t joined = wait;
    for (mask_t bits = cast & ~both; bits; bits &= bits - 1) {
        int a = ctz(bits);
        mask_t bit = (mask_t)1 << a;
        if (!(S->scenes[a] & rest))
            joined &= ~bit;
        else if (!(wait & bit) && !(S->scenes[a] & ~st.q))
            joined |= bit;
    }
    state_t next;
    next.q = rest;
    if (front) {
        next.front = joined;
        next.back = other & ~cast;
    } else {
        next.back = joined;
        next.front = other & ~cast;
    }
    *step = cost;
    return next;
}

/* Smith's-rule bound on what the actors of `wait` (all on set at one end) must still hold. */
static int64_t smith(const solver_t *S, mask_t q, mask_t wait) {
    if ((wait & (wait - 1)) == 0) return 0;
    /* scenes of Q played by exactly one waiting actor */
    mask_t once = 0, twice = 0;
    for (mask_t bits = wait; bits; bits &= bits - 1) {
        mask_t played = S->scenes[ctz(bits)] & q;
        twice |= once & played;
        once |= played;
    }
    mask_t exclusive = once & ~twice;
    if (!exclusive) return 0;
    int64_t own[MAXN];
    mask_t owners = 0;
    for (mask_t bits = exclusive; bits; bits &= bits - 1) {
        int s = ctz(bits);
        int a = ctz(S->cast[s] & wait);
        if (!(owners >> a & 1)) {
            owners |= (mask_t)1 << a;
            own[a] = 0;
        }
        own[a] += S->dur[s];
    }
    /* Actors with no exclusive days delay nobody and go first at no cost; sort the others
     * by own / cost ascending, compared crosswise to stay in integers. */
    int ids[MAXN], k = 0;
    for (mask_t bits = owners; bits; bits &= bits - 1) {
        int a = ctz(bits), j = k++;
        while (j > 0 && own[a] * S->cost[ids[j - 1]] < own[ids[j - 1]] * S->cost[a]) {
            ids[j] = ids[j - 1];
            j--;
        }
        ids[j] = a;
    }
    /* every owner after another holds through that one's exclusive days */
    int64_t total = 0, later_cost = pay(S, owners);
    for (int i = 0; i < k; i++) {
        later_cost -= S->cost[ids[i]];
        total += own[ids[i]] * later_cost;
    }
    return total;
}

/* Pairwise bounds. For waiting actors a, b, whichever finishes later holds through the scenes
 * the other plays without it: a's own days p_a (scenes no other waiting actor plays) plus
 * r_ab, the scenes a shares with other waiting actors but not with b, each split among the
 * waiting actors playing it so no holding is counted twice across pairs. Returns the larger
 * of sum_pairs min(c_b (p_a + r_ab), c_a (p_b + r_ba)) and, since a minimum of sums is at
 * least the sum of the minima, Smith's bound on the p part plus sum_pairs min(c_b r_ab, c_a r_ba). */
static int64_t side_with(const solver_t *S, mask_t q, mask_t wait, int64_t smith_part) {
    if ((wait & (wait - 1)) == 0) return smith_part;
    double R[MAXN][MAXN];
    double own[MAXN];
    int ids[MAXN], k = 0;
    for (mask_t bits = wait; bits; bits &= bits - 1) {
        int a = ctz(bits);
        ids[k++] = a;
        own[a] = 0;
    }
    for (int i = 0; i < k; i++)
        for (int j = 0; j < k; j++) R[ids[i]][ids[j]] = 0;
    int shared = 0;
    for (mask_t bits = q; bits; bits &= bits - 1) {
        int s = ctz(bits);
        mask_t here = S->cast[s] & wait;
        if (!here) continue;
        if ((here & (here - 1)) == 0) {
            own[ctz(here)] += (double)S->dur[s];
            continue;
        }
        mask_t away = wait & ~here;
        if (!away) continue;
        shared = 1;
        double piece = (double)S->dur[s] / pc(here);
        for (mask_t x = here; x; x &= x - 1) {
            int a = ctz(x);
            for (mask_t y = away; y; y &= y - 1) R[a][ctz(y)] += piece;
        }
    }
    if (!shared) return smith_part;
    double whole = 0, rest = 0;
    for (int i = 0; i < k; i++)
        for (int j = i + 1; j < k; j++) {
            int a = ids[i], b = ids[j];
            double ab = S->cost[b] * R[a][b], ba = S->cost[a] * R[b][a];
            rest += ab < ba ? ab : ba;
            ab += S->cost[b] * own[a];
            ba += S->cost[a] * own[b];
            whole += ab < ba ? ab : ba;
        }
    /* rounding up is safe: the holding cost is a whole number. The float error of these sums
     * of positive terms is below (n + k*k) * 2^-53 of their size (< 2^-40 for n, k <= 64),
     * so 1e-6 plus 2^-40 of the value absorbs it (talent_search keeps totals below 2^52). */
    int64_t low = smith_part + (int64_t)ceil(rest - 1e-6 - rest * 0x1p-40);
    int64_t alt = (int64_t)ceil(whole - 1e-6 - whole * 0x1p-40);
    return low > alt ? low : alt;
}

/* The cross bound couples the two ends. If a of F and b of B share a scene of Q, b's first
 * scene comes no later than a's last. So during any scene s of Q, the actors of F and B not in
 * s who are not waiting (a gone before s, b not come yet) share no scene of Q: they form an
 * independent set of the bipartite "share a scene" graph, and the waiting ones a vertex
 * cover. Any flow in that graph (capacities: daily costs) is at most the cheapest cover
 * (Konig-Egervary), so the sum over s of d(s) x a greedy flow bounds what F and B hold.
 * Measured: 10 to 50 times fewer nodes on the recipe's random instances, where nearly every
 * pair of actors shares a scene. An exact maximum flow saved only 1-3 % more nodes.
 * `neutral` gets the part from scenes with no actor of F or B, which side_with() never counts. */
static int64_t cross(const solver_t *S, state_t st, int64_t *neutral) {
    *neutral = 0;
    if (!st.front || !st.back) return 0;
    mask_t nb[MAXN];
    for (mask_t bits = st.front; bits; bits &= bits - 1) {
        int a = ctz(bits);
        mask_t with = 0;
        for (mask_t t = S->scenes[a] & st.q; t; t &= t - 1) with |= S->cast[ctz(t)];
        nb[a] = with & st.back;
    }
    int64_t total = 0;
    for (mask_t bits = st.q; bits; bits &= bits - 1) {
        int s = ctz(bits);
        mask_t fs = st.front & ~S->cast[s], bs = st.back & ~S->cast[s];
        if (!fs || !bs) continue;
        int64_t res[MAXN];
        for (mask_t y = bs; y; y &= y - 1) res[ctz(y)] = S->cost[ctz(y)];
        int64_t flow = 0;
        for (mask_t x = fs; x; x &= x - 1) {
            int a = ctz(x);
            int64_t left = S->cost[a];
            for (mask_t y = nb[a] & bs; y && left; y &= y - 1) {
                int b = ctz(y);
                int64_t push = left < res[b] ? left : res[b];
                res[b] -= push;
                left -= push;
                flow += push;
            }
        }
        total += S->dur[s] * flow;
        if (!(S->cast[s] & (st.front | st.back))) *neutral += S->dur[s] * flow;
    }
    return total;
}

/* The full bound of a state given Smith's parts of both ends: the cross bound, or the two
 * side bounds plus what cross() found in scenes side_with() never counts. The cross bound comes
 * first (it prunes more often), and once it reaches `enough` the side bounds are skipped. */
static int64_t full_bound(const solver_t *S, state_t st, int64_t smith_front, int64_t smith_back,
                          int64_t enough) {
    int64_t neutral, low = cross(S, st, &neutral);
    if (low >= enough) return low;
    int64_t sides = neutral + side_with(S, st.q, st.front, smith_front) +
                    side_with(S, st.q, st.back, smith_back);
    return sides > low ? sides : low;
}

static inline int64_t bound(const solver_t *S, state_t st) {
    return full_bound(S, st, smith(S, st.q, st.front), smith(S, st.q, st.back), INF);
}

static int64_t state_bound(const solver_t *S, state_t st) {
    int64_t low = bound(S, st);
    const entry_t *e = lookup(S, st);
    if (e != NULL && entry_value(e) > low) low = entry_value(e);
    return low;
}

/* The reverse of an order costs the same: the first back scene must follow the first front one. */
static inline int allowed(const solver_t *S, mask_t q, int s) {
    if (S->n - pc(q) != 1) return 1;
    return s > ctz(S->all & ~q);
}

/* ---- the search ---------------------------------------------------------- */

typedef struct {
    int64_t low, step, smith_front, smith_back;
    state_t next;
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

static int64_t proven_bound(solver_t *S, state_t st, int depth, double until);
static int64_t final_bound(solver_t *S);

static void check_clock(solver_t *S) {
    double t = now_seconds();
    if (S->deadline >= 0 && t > S->deadline) S->aborted = 1;
    /* The search runs without the GIL so other Python threads (a web server) keep going;
     * take it back briefly for Ctrl-C and the progress callback. */
    PyEval_RestoreThread(S->thread);
    if (PyErr_CheckSignals() != 0) {
        S->aborted = 1;
        S->python_error = 1;
    }
    if (S->report != NULL && t >= S->next_report && !S->aborted) {
        S->next_report = t + 0.2;
        state_t root = {S->all, 0, 0};
        int64_t low = proven_bound(S, root, 1, t + 0.02); /* at most a tenth of the period */
        if (S->proven > low) low = S->proven;
        PyObject *r = PyObject_CallFunction(S->report, "LL", (long long)S->best, (long long)low);
        if (r == NULL) {
            S->aborted = 1;
            S->python_error = 1;
        }
        Py_XDECREF(r);
    }
    S->thread = PyEval_SaveThread();
}

static void new_incumbent(solver_t *S, int64_t total, int depth, state_t tail) {
    S->best = total;
    memcpy(S->inc_moves, S->path, sizeof(int) * (size_t)depth);
    S->inc_len = depth;
    S->inc_tail = tail;
}

static int64_t search(solver_t *S, state_t st, int64_t budget, int64_t prefix) {
    int depth = S->n - pc(st.q);
    if (st.q == 0) {
        if (prefix < S->best) new_incumbent(S, prefix, depth, st);
        return 0;
    }
    const entry_t *e = lookup(S, st);
    if (e != NULL && (entry_exact(e) || entry_value(e) >= budget)) {
        if (entry_exact(e) && entry_value(e) < budget && prefix + entry_value(e) < S->best)
            new_incumbent(S, prefix + entry_value(e), depth, st);
        return entry_value(e);
    }
    if ((++S->nodes & S->clock_mask) == 0) check_clock(S);
    if (S->aborted) return INF;

    int front = at_front(S, st);
    mask_t wait = front ? st.front : st.back;
    /* Actors already paid through all of Q (seen at both ends) no longer matter. */
    mask_t fixed = 0;
    for (int a = 0; a < S->m; a++)
        if ((S->scenes[a] & st.q) && (S->scenes[a] & ~st.q)) fixed |= (mask_t)1 << a;
    fixed &= ~(st.front | st.back);
    child_t kids[MAXN];
    int k = 0;
    for (mask_t bits = st.q; bits; bits &= bits - 1) {
        int s = ctz(bits);
        if (!allowed(S, st.q, s)) continue;
        mask_t cast = S->cast[s] & ~fixed;
        if (depth > 1 && fixed) {
            /* Scenes whose casts now agree can be shot back to back in either order (the
             * merge rule of the reduction, inside Q): keep them in index order. */
            int twin_blocks = 0;
            for (mask_t others = st.q & ~((mask_t)1 << s); others; others &= others - 1) {
                int t = ctz(others);
                if ((S->cast[t] & ~fixed) == cast && (front ? t < s : t > s)) {
                    twin_blocks = 1;
                    break;
                }
            }
            if (twin_blocks) continue;
        }
        child_t c;
        c.scene = s;
        c.next = place(S, st, s, front, &c.step);
        c.low = c.step;
        if (c.next.q) {
            /* fetch the child's memo bucket while the bound is computed; look it up below */
            __builtin_prefetch(bucket_of(S, c.next));
            c.smith_front = smith(S, c.next.q, c.next.front);
            c.smith_back = smith(S, c.next.q, c.next.back);
            c.low += c.smith_front + c.smith_back;
        }
        if (cast == wait && depth > 1) {
            /* forced: nobody else waits through it and nobody new arrives at this end */
            kids[0] = c;
            k = 1;
            break;
        }
        kids[k++] = c;
    }
    for (int i = 0; i < k; i++) {
        if (!kids[i].next.q) continue;
        const entry_t *e = lookup(S, kids[i].next);
        if (e != NULL && kids[i].step + entry_value(e) > kids[i].low) kids[i].low = kids[i].step + entry_value(e);
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
        if (kids[i].next.q) {
            /* the full bound only for children that survive the cheap one */
            int64_t full = kids[i].step + full_bound(S, kids[i].next, kids[i].smith_front,
                                                     kids[i].smith_back, limit - kids[i].step);
            if (full >= limit) {
                if (full < failed) failed = full;
                continue;
            }
        }
        S->path[depth] = kids[i].scene + (front ? 0 : BACK);
        int64_t value =
            kids[i].step + search(S, kids[i].next, limit - kids[i].step, prefix + kids[i].step);
        if (S->aborted) return INF;
        if (value < best) {
            best = value;
            best_scene = kids[i].scene;
        } else if (value < failed) {
            failed = value;
        }
    }
    if (best < budget) {
        store(S, st, best, 1, best_scene);
        return best;
    }
    int64_t low = best < failed ? best : failed;
    store(S, st, low, 0, -1);
    return low;
}

/* A proven lower bound on V(state) from the memo and `depth` levels of expansion, expanding no
 * more after `until` (seconds; < 0: no limit): at 128 scenes and actors two levels take seconds. */
static int64_t proven_bound(solver_t *S, state_t st, int depth, double until) {
    if (st.q == 0) return 0;
    const entry_t *e = lookup(S, st);
    if (e != NULL && entry_exact(e)) return entry_value(e);
    int64_t here = state_bound(S, st);
    if (depth == 0 || past(until)) return here;
    int front = at_front(S, st);
    int64_t low = INF;
    for (mask_t bits = st.q; bits; bits &= bits - 1) {
        int s = ctz(bits);
        if (!allowed(S, st.q, s)) continue;
        int64_t step;
        state_t next = place(S, st, s, front, &step);
        int64_t v = step + proven_bound(S, next, depth - 1, until);
        if (v < low) low = v;
    }
    return low > here ? low : here;
}

/* Raise the proven bound on the root until the deadline: searches with a budget halfway between
 * the bound and the incumbent's cost. A search that fails proves the value is at least what it
 * returns; one that succeeds has found the optimum (and made it the incumbent). The memo keeps
 * what each search proved, so the next one, with a higher budget, does not start over. */
static int64_t raise_bound(solver_t *S, state_t root) {
    double t = now_seconds();
    int64_t low = proven_bound(S, root, 2, t + (S->deadline - t) / 10);
    if (S->proven > low) low = S->proven;
    while (low < S->best) {
        int64_t budget = low + (S->best - low + 1) / 2;
        int64_t value = search(S, root, budget, 0);
        if (S->aborted) break;
        if (value < budget) {
            low = value; /* exact: the optimum, now the incumbent */
            break;
        }
        if (value > low) low = value;
        S->proven = low;
    }
    if (S->aborted) {
        S->aborted = 0;
        int64_t again = final_bound(S);
        if (again > low) low = again;
    }
    return low < S->best ? low : S->best;
}

/* The bound reported after a time-out: two levels over the memo, given a twentieth of the limit
 * (at most 1 s) past it. */
static int64_t final_bound(solver_t *S) {
    state_t root = {S->all, 0, 0};
    double grace = S->limit / 20 < 1.0 ? S->limit / 20 : 1.0;
    return proven_bound(S, root, 2, now_seconds() + grace);
}

/* Beam search from the front for a strong first incumbent, ranked by cost so far + bound. */
typedef struct {
    state_t st;
    int64_t g, f;
    int order[MAXN];
} beam_t;

static int cmp_beam(const void *x, const void *y) {
    const beam_t *a = x, *b = y;
    if (a->f != b->f) return a->f < b->f ? -1 : 1;
    if (a->st.q != b->st.q) return a->st.q < b->st.q ? -1 : 1;
    return a->g < b->g ? -1 : (a->g > b->g);
}

static int beam(solver_t *S, int width, int *out, int64_t *out_cost, double until) {
    beam_t *cur = malloc(sizeof(beam_t) * (size_t)width);
    beam_t *cand = malloc(sizeof(beam_t) * (size_t)width * (size_t)S->n);
    if (cur == NULL || cand == NULL) {
        free(cur);
        free(cand);
        return -1;
    }
    int k = 1;
    memset(&cur[0], 0, sizeof(beam_t));
    cur[0].st.q = S->all;
    for (int step = 0; step < S->n; step++) {
        /* out of time: finish greedily (at 128 scenes a full beam takes about a second) */
        int keep = past(until) ? 1 : width;
        int c = 0;
        for (int i = 0; i < k; i++) {
            for (mask_t bits = cur[i].st.q; bits; bits &= bits - 1) {
                int s = ctz(bits);
                beam_t *b = &cand[c++];
                int64_t cost;
                b->st = place(S, cur[i].st, s, 1, &cost);
                b->g = cur[i].g + cost;
                b->f = b->g + smith(S, b->st.q, b->st.front);
                memcpy(b->order, cur[i].order, sizeof(int) * (size_t)step);
                b->order[step] = s;
            }
        }
        qsort(cand, (size_t)c, sizeof(beam_t), cmp_beam);
        k = 0;
        for (int i = 0; i < c && k < keep; i++) {
            int duplicate = 0;
            for (int j = 0; j < k && !duplicate; j++)
                if (cur[j].st.q == cand[i].st.q && cur[j].g <= cand[i].g) duplicate = 1;
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

/* Holding cost of a full order: each actor pays from its first scene to its last, minus
 * its own days (which no order changes). */
static int64_t holding_of(const solver_t *S, const int *order) {
    int first[MAXN], last[MAXN];
    int64_t start_day[MAXN + 1];
    for (int a = 0; a < S->m; a++) first[a] = -1;
    start_day[0] = 0;
    for (int i = 0; i < S->n; i++) {
        int s = order[i];
        start_day[i + 1] = start_day[i] + S->dur[s];
        for (mask_t bits = S->cast[s]; bits; bits &= bits - 1) {
            int a = ctz(bits);
            if (first[a] < 0) first[a] = i;
            last[a] = i;
        }
    }
    int64_t total = 0;
    for (int a = 0; a < S->m; a++) {
        if (first[a] < 0) continue;
        int64_t span = start_day[last[a] + 1] - start_day[first[a]];
        total += S->cost[a] * (span - days(S, S->scenes[a]));
    }
    return total;
}

/* Improve an order by moving one scene elsewhere while that pays (first improvement), until
 * `until` (seconds; < 0: no limit). A round costs n^2 evaluations of a whole order: at 128
 * scenes and actors about 0.3 s, so it watches the clock. */
static int64_t local_search(const solver_t *S, int *order, int64_t cost, double until) {
    int trial[MAXN];
    int improved = 1;
    for (int round = 0; improved && round < 50; round++) {
        improved = 0;
        for (int from = 0; from < S->n; from++) {
            if (past(until)) return cost;
            for (int to = 0; to < S->n; to++) {
                if (to == from) continue;
                int scene = order[from], j = 0;
                for (int i = 0; i < S->n; i++) {
                    if (i == from) continue;
                    if (j == to) trial[j++] = scene;
                    trial[j++] = order[i];
                }
                if (j == to) trial[j++] = scene;
                int64_t value = holding_of(S, trial);
                if (value < cost) {
                    cost = value;
                    memcpy(order, trial, sizeof(int) * (size_t)S->n);
                    improved = 1;
                }
            }
        }
    }
    return cost;
}

/* Iterated local search until `until` (seconds) or 200 kicks in a row without gain: kick
 * the best order (move a few short segments elsewhere), descend again, keep what is
 * better. Used when the first short exact search does not finish: a cheaper order to beat
 * prunes more (and under a time limit, a good order early matters); a fixed seed keeps the
 * kicks the same from run to run. */
static int64_t iterated_local_search(const solver_t *S, int *order, int64_t cost, double until) {
    uint64_t rng = 0x2545f4914f6cdd1dULL;
    int trial[MAXN], rest[MAXN], segment[MAXN];
    int stale = 0; /* kicks since the last improvement: stop when they stop paying */
    while (stale < 200 && !past(until) && S->n >= 4) {
        stale++;
        memcpy(trial, order, sizeof(int) * (size_t)S->n);
        for (int kick = 0; kick < 3; kick++) {
            rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
            int len = 1 + (int)(rng % 3);
            int from = (int)((rng >> 8) % (uint64_t)(S->n - len + 1));
            int to = (int)((rng >> 24) % (uint64_t)(S->n - len + 1));
            int r = 0;
            for (int i = 0; i < S->n; i++) {
                if (i >= from && i < from + len)
                    segment[i - from] = trial[i];
                else
                    rest[r++] = trial[i];
            }
            int j = 0;
            for (int i = 0; i <= r; i++) {
                if (i == to)
                    for (int x = 0; x < len; x++) trial[j++] = segment[x];
                if (i < r) trial[j++] = rest[i];
            }
        }
        int64_t value = local_search(S, trial, holding_of(S, trial), until);
        if (value < cost) {
            cost = value;
            memcpy(order, trial, sizeof(int) * (size_t)S->n);
            stale = 0;
        }
    }
    return cost;
}

/* Make a full order the incumbent, as moves from the outside in (front, back, front, ...). */
static void set_incumbent_order(solver_t *S, const int *order, int64_t cost) {
    for (int i = 0; i < S->n; i++)
        S->inc_moves[i] = i % 2 == 0 ? order[i / 2] : order[S->n - 1 - i / 2] + BACK;
    S->best = cost;
    S->inc_len = S->n;
    S->inc_tail.q = 0;
}

/* Append to moves[] an optimal completion of the tail state (its value is exact). */
static void complete(solver_t *S, state_t st, int *moves) {
    S->deadline = -1;
    S->report = NULL;
    while (st.q) {
        int depth = S->n - pc(st.q);
        const entry_t *e = lookup(S, st);
        if (e == NULL || !entry_exact(e)) {
            int64_t saved_best = S->best;
            S->best = -1; /* leave the incumbent record alone while re-solving */
            search(S, st, INF, 0);
            S->best = saved_best;
            e = lookup(S, st);
        }
        int64_t step;
        int front = at_front(S, st);
        moves[depth] = entry_best(e) + (front ? 0 : BACK);
        st = place(S, st, entry_best(e), front, &step);
    }
}

static unsigned long long last_nodes;

static PyObject *py_last_nodes(PyObject *self, PyObject *args) {
    (void)self;
    (void)args;
    return PyLong_FromUnsignedLongLong(last_nodes);
}

/* A Python int (a set of actors) as a mask; sets an OverflowError past MAXN bits. */
static mask_t mask_of(PyObject *value) {
#if TALENT_WIDE
    PyObject *shift = PyLong_FromLong(64);
    PyObject *high = shift == NULL ? NULL : PyNumber_Rshift(value, shift);
    Py_XDECREF(shift);
    if (high == NULL) return 0;
    unsigned long long top = PyLong_AsUnsignedLongLong(high);
    Py_DECREF(high);
    unsigned long long bottom = PyLong_AsUnsignedLongLongMask(value);
    return (mask_t)top << 64 | bottom;
#else
    return PyLong_AsUnsignedLongLong(value);
#endif
}

static PyObject *py_solve(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *durations, *costs, *casts, *report;
    double limit;
    if (!PyArg_ParseTuple(args, "O!O!O!dO", &PyList_Type, &durations, &PyList_Type, &costs,
                          &PyList_Type, &casts, &limit, &report))
        return NULL;
    solver_t *S = calloc(1, sizeof(solver_t));
    if (S == NULL) return PyErr_NoMemory();
    S->n = (int)PyList_Size(durations);
    S->m = (int)PyList_Size(costs);
    if (S->n < 2 || S->n > MAXN || S->m > MAXN || PyList_Size(casts) != S->n) {
        free(S);
        PyErr_Format(PyExc_ValueError, "need 2..%d scenes and at most %d actors", MAXN, MAXN);
        return NULL;
    }
    for (int s = 0; s < S->n; s++) {
        S->dur[s] = PyLong_AsLongLong(PyList_GetItem(durations, s));
        S->cast[s] = mask_of(PyList_GetItem(casts, s));
    }
    for (int a = 0; a < S->m; a++) S->cost[a] = PyLong_AsLongLong(PyList_GetItem(costs, a));
    if (PyErr_Occurred()) {
        free(S);
        return NULL;
    }
    S->all = S->n == MAXN ? ~(mask_t)0 : (((mask_t)1 << S->n) - 1);
    for (int a = 0; a < S->m; a++)
        for (int s = 0; s < S->n; s++)
            if (S->cast[s] >> a & 1) S->scenes[a] |= (mask_t)1 << s;
    for (int byte = 0; byte < MAXN / 8; byte++)
        for (int bits = 0; bits < 256; bits++) {
            int64_t total = 0;
            for (int i = 0; i < 8; i++)
                if ((bits >> i & 1) && byte * 8 + i < S->m) total += S->cost[byte * 8 + i];
            S->pay_table[byte][bits] = total;
        }
    S->slots = 1 << 14;
    S->cap_slots = (uint64_t)1 << 22; /* 4 Mi entries (128 MiB; wide, 64-byte entries: 256): then entries get replaced */
    S->table = table_alloc(S->slots);
    if (S->table == NULL) {
        free(S);
        return PyErr_NoMemory();
    }
    double started = now_seconds();
    S->limit = limit;
    /* a node costs about n x m: at 128 x 128 a millisecond, so 1024 of them overran limits */
    S->clock_mask = S->n * S->m >= 1024 ? 15 : 1023;
    S->deadline = limit < 0 ? -1 : started + limit;
    S->report = report == Py_None ? NULL : report;
    S->next_report = started + 0.2;

    int first[MAXN];
    int64_t first_cost;
    S->thread = PyEval_SaveThread();
    double heuristics = limit < 0 ? -1 : started + limit / 2; /* the first order's share */
    if (beam(S, 64, first, &first_cost, heuristics) != 0) {
        PyEval_RestoreThread(S->thread);
        table_free(S->table, S->slots);
        free(S);
        return PyErr_NoMemory();
    }
    first_cost = local_search(S, first, first_cost, heuristics);
    set_incumbent_order(S, first, first_cost);

    /* A short exact search first (1 s, or a twentieth of a time limit; easy instances end
     * here). If it does not finish, improve the order by iterated local search, then resume
     * the exact search with the better budget (the memo keeps what the first try proved):
     * on random 32x20 instances the better budget saved a third of the nodes. Under a time
     * limit, if the search has not finished by 80 % of it, the rest raises the proven bound. */
    state_t root = {S->all, 0, 0};
    double total_deadline = S->deadline;
    double probe = limit < 0 || limit / 20 > 1.0 ? 1.0 : limit / 20;
    S->deadline = started + probe;
    int64_t budget = S->best;
    int64_t value = search(S, root, budget, 0);
    if (S->aborted && !S->python_error) {
        S->aborted = 0;
        double share = limit < 0 || limit / 5 > 5.0 ? 5.0 : limit / 5;
        int64_t improved = iterated_local_search(S, first, first_cost, now_seconds() + share);
        if (improved < S->best) set_incumbent_order(S, first, improved);
        S->deadline = limit < 0 ? -1 : started + 0.8 * limit;
        budget = S->best;
        value = search(S, root, budget, 0);
    }
    int64_t low;
    int raised = S->aborted && !S->python_error && limit > 0;
    if (raised) {
        S->aborted = 0;
        S->deadline = total_deadline;
        low = raise_bound(S, root); /* equals the cost when it proved the order */
    }
    if (S->python_error) {
        PyEval_RestoreThread(S->thread);
        table_free(S->table, S->slots);
        free(S);
        return NULL;
    }
    if (!raised && !S->aborted) {
        low = value < budget ? value : budget;
    } else if (!raised) {
        S->aborted = 0;
        low = final_bound(S);
        if (low > S->best) low = S->best;
    }
    int moves[MAXN];
    memcpy(moves, S->inc_moves, sizeof(int) * (size_t)S->inc_len);
    if (S->inc_tail.q) complete(S, S->inc_tail, moves);
    int order[MAXN], head = 0, tail = S->n - 1;
    for (int i = 0; i < S->n; i++) {
        if (moves[i] < BACK)
            order[head++] = moves[i];
        else
            order[tail--] = moves[i] - BACK;
    }
    int64_t holding = S->best;
    last_nodes = S->nodes;
    PyEval_RestoreThread(S->thread);
    PyObject *list = PyList_New(S->n);
    for (int i = 0; list != NULL && i < S->n; i++) PyList_SET_ITEM(list, i, PyLong_FromLong(order[i]));
    PyObject *result = list == NULL ? NULL : Py_BuildValue("(NLL)", list, (long long)holding, (long long)low);
    table_free(S->table, S->slots);
    free(S);
    return result;
}

static PyMethodDef methods[] = {
    {"solve", py_solve, METH_VARARGS,
     "solve(durations, costs, cast_masks, time_limit, report) -> (order, holding, bound)"},
    {"last_nodes", py_last_nodes, METH_NOARGS, "Search nodes expanded by the last solve()."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
#if TALENT_WIDE
    PyModuleDef_HEAD_INIT, "_talent_wide", "The talent core with 128-bit sets.", -1, methods,
#else
    PyModuleDef_HEAD_INIT, "_talent", "Compiled core of the exact talent scheduler.", -1, methods,
#endif
    NULL, NULL, NULL, NULL,
};

#if TALENT_WIDE
PyMODINIT_FUNC PyInit__talent_wide(void) { return PyModule_Create(&module); }
#else
PyMODINIT_FUNC PyInit__talent(void) { return PyModule_Create(&module); }
#endif
