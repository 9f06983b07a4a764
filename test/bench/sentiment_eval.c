/*
 * sentiment_eval.c -- score VADER's human-rated TSV sets with the C scorer of
 * src/sentiment.c outside the server, for fast development (the SQL benchmark
 * test/bench/31_sentiment_accuracy.sh gives the same figures through the
 * extension).
 *
 *   sh test/bench/sentiment_eval.sh            (builds build/bench/sentiment_eval)
 *   build/bench/sentiment_eval [-s] FILE.tsv ...
 *
 * Each FILE is "id<TAB>mean<TAB>text" with a header line.  Prints, per file,
 * n, Pearson r, 3-class macro-F1 (human > 0.5 positive, < -0.5 negative;
 * score >= 0.05 / <= -0.05), neutral F1 and accuracy; for the tweets (a file
 * named tweets*, integer ids) also the same figures for the odd ids (fold A)
 * and the even ids (fold B) -- the fixed development split of doc/sentiment.md.  -s: speed instead (messages/s over
 * every text of the files, repeated to at least 2 s of CPU time).  -d: dump
 * "fold<TAB>human<TAB>score" lines (for ad-hoc analysis, never committed).
 */
#include "postgres.h"

#include <math.h>
#include <time.h>

#include "sentiment.h"

typedef struct Row
{
	double		human;
	double		score;
	int			fold;			/* 0 = not integer id, 1 = odd (A), 2 = even (B) */
	char	   *text;
	int			len;
} Row;

typedef struct Acc
{
	int			n;
	double		sx, sy, sxx, syy, sxy;
	int			conf[3][3];		/* [truth][pred]: 0 neg, 1 neu, 2 pos */
} Acc;

static int
cls(double v, double lo, double hi, bool incl)
{
	if (incl ? v >= hi : v > hi)
		return 2;
	if (incl ? v <= lo : v < lo)
		return 0;
	return 1;
}

static void
acc_add(Acc *a, double h, double s)
{
	a->n++;
	a->sx += s;
	a->sy += h;
	a->sxx += s * s;
	a->syy += h * h;
	a->sxy += s * h;
	a->conf[cls(h, -0.5, 0.5, false)][cls(s, -0.05, 0.05, true)]++;
}

static void
acc_print(const char *name, const Acc *a)
{
	double		n = a->n;
	double		r = (n * a->sxy - a->sx * a->sy) /
		sqrt((n * a->sxx - a->sx * a->sx) * (n * a->syy - a->sy * a->sy));
	double		f[3],
				macro = 0;
	int			ok = 0;

	for (int c = 0; c < 3; c++)
	{
		int			tp = a->conf[c][c],
					np = 0,
					nt = 0;

		for (int k = 0; k < 3; k++)
		{
			np += a->conf[k][c];
			nt += a->conf[c][k];
		}
		f[c] = tp == 0 ? 0 : 2.0 * tp / (np + nt);
		macro += f[c] / 3;
		ok += tp;
	}
	printf("%-22s n=%5d  r=%.4f  macroF1=%.4f  (neg %.3f neu %.3f pos %.3f)  acc=%.3f\n",
		   name, a->n, r, macro, f[0], f[1], f[2], ok / n);
}

static Row *
load(const char *path, int *nrows)
{
	FILE	   *fp = fopen(path, "rb");
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		l;
	Row		   *rows = NULL;
	int			n = 0,
				max = 0;
	bool		header = true;

	if (!fp)
	{
		perror(path);
		exit(1);
	}
	while ((l = getline(&line, &cap, fp)) >= 0)
	{
		char	   *t1,
				   *t2,
				   *end;
		long		id;

		if (header)
		{
			header = false;
			continue;
		}
		while (l > 0 && (line[l - 1] == '\n' || line[l - 1] == '\r'))
			line[--l] = 0;
		t1 = strchr(line, '\t');
		if (!t1)
			continue;
		t2 = strchr(t1 + 1, '\t');
		if (!t2)
			continue;
		if (n == max)
		{
			max = max ? 2 * max : 1024;
			rows = realloc(rows, max * sizeof(Row));
		}
		*t1 = 0;
		id = strtol(line, &end, 10);
		rows[n].fold = (*end == 0 && end != line) ? (id % 2 ? 1 : 2) : 0;
		rows[n].human = atof(t1 + 1);
		rows[n].len = (int) (line + l - (t2 + 1));
		rows[n].text = malloc(rows[n].len + 1);
		memcpy(rows[n].text, t2 + 1, rows[n].len + 1);
		n++;
	}
	free(line);
	fclose(fp);
	*nrows = n;
	return rows;
}

int
main(int argc, char **argv)
{
	bool		speed = false,
				dump = false,
				fold_a = false;
	Row		   *all[16];
	int			nall[16],
				nf = 0;

	for (int a = 1; a < argc; a++)
	{
		if (strcmp(argv[a], "-s") == 0)
			speed = true;
		else if (strcmp(argv[a], "-d") == 0)
			dump = true;
		else if (strcmp(argv[a], "-a") == 0)
			fold_a = true;
		else if (nf < 16)
		{
			all[nf] = load(argv[a], &nall[nf]);
			if (!speed && !dump)
			{
				Acc			acc[3];
				const char *base = strrchr(argv[a], '/');
				char		name[64];

				memset(acc, 0, sizeof(acc));
				base = base ? base + 1 : argv[a];
				if (fold_a && strncmp(base, "tweets", 6) != 0)
					continue;
				for (int i = 0; i < nall[nf]; i++)
				{
					Row		   *r = &all[nf][i];

					if (fold_a && r->fold != 1)
						continue;
					r->score = smskpi_sentiment(r->text, r->len);
					acc_add(&acc[0], r->human, r->score);
					if (r->fold)
						acc_add(&acc[r->fold], r->human, r->score);
				}
				snprintf(name, sizeof(name), "%.21s", base);
				if (fold_a)
				{
					acc_print("  fold A (odd ids)", &acc[1]);
					nf++;
					continue;
				}
				acc_print(name, &acc[0]);
				if (acc[1].n && acc[2].n && strncmp(base, "tweets", 6) == 0)
				{
					acc_print("  fold A (odd ids)", &acc[1]);
					acc_print("  fold B (even ids)", &acc[2]);
				}
			}
			else if (dump)
			{
				for (int i = 0; i < nall[nf]; i++)
				{
					Row		   *r = &all[nf][i];

					printf("%d\t%g\t%.4f\n", r->fold, r->human,
						   smskpi_sentiment(r->text, r->len));
				}
			}
			nf++;
		}
	}
	if (speed)
	{
		long		msgs = 0,
					bytes = 0;
		double		sink = 0,
					secs;
		struct timespec t0,
					t1;

		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
		do
		{
			for (int f = 0; f < nf; f++)
				for (int i = 0; i < nall[f]; i++)
				{
					sink += smskpi_sentiment(all[f][i].text, all[f][i].len);
					msgs++;
					bytes += all[f][i].len;
				}
			clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
			secs = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
		} while (secs < 2.0);
		printf("%.0f messages/s (%.1f bytes avg, %.2f us each) [%g]\n",
			   msgs / secs, (double) bytes / msgs, secs * 1e6 / msgs, sink);
	}
	return 0;
}
