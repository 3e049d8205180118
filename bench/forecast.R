# forecast.R - the peer of bench/forecast.sh: R's forecast package (Hyndman
# and Khandakar) on the M3 monthly series, written in the shape
# crm-forecast writes, so that one scorer scores both.
#
# usage: Rscript forecast.R INPUT OUTDIR H [METHOD ...]
#
# INPUT is the M3 set as JSON lines, one series a line (series, frequency,
# start "YYYY-MM", train, ...; gzipped or not).  Each METHOD (ets, thetaf,
# auto.arima; all three by default) is fitted to every series' train part
# as a ts of its frequency from its start month, with the package's
# defaults, and forecast H periods ahead with 80 and 95 % intervals.
# OUTDIR/r-METHOD.jsonl gets one line per series and future period:
#   {"series":"N1402","period":"1994-03","forecast":...,"lo80":...,
#    "hi80":...,"lo95":...,"hi95":...,"method":"ets",
#    "params":{"model":"ETS(M,N,M)"}}
# and OUTDIR/r-times.tsv one line per method: the method, the elapsed
# seconds of its fits, forecasts and output over all series, and the
# processor seconds of them (user and system; far fewer than the elapsed
# when the machine was busy).  Reading the input is not counted:
# crm-forecast's time does count its own reading, a small part of it.
# Single-threaded, as crm-forecast is.
#
# Only the packages r-cran-forecast pulls in: jsonlite is not one of them,
# and the input is flat enough for a few regular expressions.
suppressPackageStartupMessages(library(forecast))

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 3)
	stop("usage: Rscript forecast.R INPUT OUTDIR H [METHOD ...]")
input <- args[1]
outdir <- args[2]
h <- as.integer(args[3])
methods <- if (length(args) > 3) args[-(1:3)] else
	c("ets", "thetaf", "auto.arima")

# The value of a string or number field; the input's own lines have no
# nested objects and no escaped quotes.
field <- function(lines, name, pattern) {
	re <- sprintf('.*"%s":%s.*', name, pattern)
	bad <- !grepl(re, lines)
	if (any(bad))
		stop(sprintf("%s:%d: no %s", input, which(bad)[1], name))
	sub(re, "\\1", lines)
}

con <- gzfile(input)
lines <- readLines(con)
close(con)
series <- field(lines, "series", '"([^"]*)"')
freq <- as.integer(field(lines, "frequency", "([0-9]+)"))
start <- field(lines, "start", '"([0-9]{4}-[0-9]{2})"')
start_year <- as.integer(substr(start, 1, 4))
start_month <- as.integer(substr(start, 6, 7))
if (any(freq != 12))
	stop(input, ": only monthly series (frequency 12) have month periods")
train <- lapply(strsplit(field(lines, "train", "\\[([^]]*)\\]"), ","),
    as.numeric)

# Non-finite bounds (a model's variance can blow up) are written as null:
# JSON has no NaN, and the scorer counts a null as not covering.
num <- function(x) ifelse(is.finite(x), sprintf("%.17g", x), "null")

fit_forecast <- function(method, y) {
	switch(method,
	    ets = forecast(ets(y), h = h, level = c(80, 95)),
	    thetaf = thetaf(y, h = h, level = c(80, 95)),
	    auto.arima = forecast(auto.arima(y), h = h, level = c(80, 95)),
	    stop("unknown method ", method))
}

run <- function(method) {
	out <- vector("list", length(series))
	for (i in seq_along(series)) {
		y <- ts(train[[i]], start = c(start_year[i], start_month[i]),
		    frequency = freq[i])
		fc <- suppressWarnings(fit_forecast(method, y))
		# Months after the last one of the train part, from 0 at the
		# start month.
		idx <- start_month[i] - 1 + length(train[[i]]) + seq_len(h) - 1
		period <- sprintf("%04d-%02d", start_year[i] + idx %/% 12,
		    idx %% 12 + 1)
		out[[i]] <- sprintf(paste0('{"series":"%s","period":"%s",',
		    '"forecast":%s,"lo80":%s,"hi80":%s,"lo95":%s,"hi95":%s,',
		    '"method":"%s","params":{"model":"%s"}}'),
		    series[i], period, num(fc$mean), num(fc$lower[, 1]),
		    num(fc$upper[, 1]), num(fc$lower[, 2]), num(fc$upper[, 2]),
		    method, fc$method)
	}
	writeLines(unlist(out),
	    file.path(outdir, sprintf("r-%s.jsonl", method)))
}

# ets' intervals of models with multiplicative parts are simulated: a
# fixed seed makes a run repeat its bounds.
set.seed(1)
times <- character(0)
for (m in methods) {
	t <- system.time(run(m))
	cpu <- t[["user.self"]] + t[["sys.self"]]
	times <- c(times, sprintf("%s\t%.3f\t%.3f", m, t[["elapsed"]], cpu))
	message(sprintf("forecast.R: %s: %d series in %.1f s (%.1f s of CPU)",
	    m, length(series), t[["elapsed"]], cpu))
}
writeLines(times, file.path(outdir, "r-times.tsv"))
