#!/bin/sh
# Check the relative links of Markdown files: every [text](path), [text](path#anchor),
# [text](#anchor), ![alt](path) and reference definition [label]: path must name a file
# or directory that exists (relative to the file that links), and an #anchor into a
# .md file must be one of its headings' anchors as GitHub makes them: the heading's text
# (code spans, links and HTML tags reduced to their text) in lower case, every character
# that is not a letter, digit, mark, "_", "-" or space dropped, spaces turned into "-";
# the second heading with the same anchor gets "-1", the third "-2".  <a name="x"> and
# id="x" count too.  Absolute URLs (https:, mailto:...) are not checked; neither is
# anything in code spans or fenced code blocks.
#
#   sh doc/check-links.sh                 README.md and doc/*.md
#   sh doc/check-links.sh FILE...         those files
#
# Prints each broken link as FILE:LINE: [text](target): why, and exits 1 if there is one.
# Run by test/shell/readme_current.sh.
set -eu
if [ $# -eq 0 ]; then
	cd "$(dirname "$0")/.."
	set -- README.md doc/*.md
fi
exec perl -CSDA -Mutf8 -e '
use strict;
use warnings;
use File::Basename qw(dirname);
use File::Spec;

my %anchors;    # file -> { anchor -> 1 }

sub slug_text {
	my ($t) = @_;
	$t =~ s/<[^>]*>//g;                              # HTML tags
	$t =~ s/!?\[((?:[^\[\]]|\[[^\]]*\])*)\]\([^)]*\)/$1/g;   # links, images: their text
	$t =~ s/`//g;                                    # code spans: their text
	$t = lc $t;
	$t =~ s/[^\p{L}\p{N}\p{M}\p{Pc}\- ]//g;
	$t =~ s/ /-/g;
	return $t;
}

# the lines of a file outside fenced code blocks, as [number, text]
sub prose_lines {
	my ($file) = @_;
	open(my $fh, "<:encoding(UTF-8)", $file) or die "check-links: cannot read $file: $!\n";
	my @out;
	my $fence;
	while (my $l = <$fh>) {
		chomp $l;
		if (defined $fence) {
			undef $fence if $l =~ /^ {0,3}(\Q$fence\E+)\s*$/;
			next;
		}
		if ($l =~ /^ {0,3}(`{3,}|~{3,})/) {
			$fence = $1;
			next;
		}
		push @out, [$., $l];
	}
	close $fh;
	return @out;
}

sub anchors_of {
	my ($file) = @_;
	return $anchors{$file} if $anchors{$file};
	my (%a, %seen);
	for my $pl (prose_lines($file)) {
		my $l = $pl->[1];
		if ($l =~ /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/) {
			my $base = slug_text(defined $1 ? $1 : "");
			my $s = $base;
			while (exists $seen{$s}) {
				$seen{$base}++;
				$s = "$base-$seen{$base}";
			}
			$seen{$s} = 0;
			$a{$s} = 1;
		}
		$a{$1} = 1 while $l =~ /<a\s[^>]*\bname="([^"]+)"/g;
		$a{$1} = 1 while $l =~ /\bid="([^"]+)"/g;
	}
	return $anchors{$file} = \%a;
}

sub decode_pct { my ($s) = @_; $s =~ s/%([0-9A-Fa-f]{2})/chr(hex($1))/ge; return $s; }

my ($checked, $broken) = (0, 0);
for my $file (@ARGV) {
	unless (-f $file) { print "$file: no such file\n"; $broken++; next; }
	my $dir = dirname($file);
	# paragraphs (a code span may go on over a line break): consecutive non-blank lines
	my @blocks;
	my $prev = -1;
	for my $pl (prose_lines($file)) {
		my ($n, $l) = @$pl;
		if ($l =~ /^\s*$/) { $prev = -1; next; }
		if ($n == $prev + 1 && @blocks) { $blocks[-1][1] .= "\n$l"; }
		else { push @blocks, [$n, $l]; }
		$prev = $n;
	}
	for my $b (@blocks) {
		my ($n0, $l) = @$b;
		# code spans: their text stays, without what could make a link of it
		$l =~ s{(`+)(?!`)(.*?)(?<!`)\1(?!`)}{ my $c = $2; $c =~ tr/[]()//d; $c }gse;
		my @links;
		while ($l =~ /!?\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g) {
			my $n = $n0 + (substr($l, 0, $-[0]) =~ tr/\n//);
			push @links, [$1, $2, $n];
		}
		while ($l =~ /^ {0,3}\[([^\]]+)\]:\s*<?([^\s>]+)>?/mg) {
			my $n = $n0 + (substr($l, 0, $-[0]) =~ tr/\n//);
			push @links, [$1, $2, $n];
		}
		for my $lk (@links) {
			my ($text, $target, $n) = @$lk;
			next if $target =~ /^[A-Za-z][A-Za-z0-9+.-]*:/;   # https:, mailto:, ...
			$checked++;
			my ($path, $anchor) = $target =~ /^([^#]*)(?:#(.*))?$/;
			$path = decode_pct($path);
			my $why;
			my $dest = $path eq "" ? $file : File::Spec->catfile($dir, $path);
			if ($target eq "") {
				$why = "empty target";
			} elsif (!-e $dest) {
				$why = "no such file: $dest";
			} elsif (defined $anchor) {
				$anchor = decode_pct($anchor);
				if ($dest =~ /\.md$/i && -f $dest) {
					$why = "no heading with anchor #$anchor in $dest" unless anchors_of($dest)->{$anchor};
				} elsif ($anchor !~ /^L\d+(-L\d+)?$/) {
					$why = "#$anchor: anchors are checked in .md files only (or #L12, #L12-L20)";
				}
			}
			if ($why) {
				$text =~ s/\s*\n\s*/ /g;
				print "$file:$n: [$text]($target): $why\n";
				$broken++;
			}
		}
	}
}
printf "links: %d relative links in %d files, %d broken\n", $checked, scalar(@ARGV), $broken;
exit($broken ? 1 : 0);
' "$@"
