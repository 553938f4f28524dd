/* server.h - run the HTTP server until SIGINT/SIGTERM. */
#ifndef LIS_SERVER_H
#define LIS_SERVER_H
#include "../app.h"
int server_run(app *ap);
#endif
