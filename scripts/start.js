#!/usr/bin/env node
// npm start: builds the app when the build is missing or older than the sources, then serves it.
// Without DATABASE_URL it runs on the embedded PostgreSQL under ./data in demo mode (SEED_DEMO=1).
import path from 'node:path';
import { buildApp } from './build-app.js';

buildApp();

process.env.PORT ??= '3000';
// The quick start is the demo: on the embedded database, load the demo bloc and accept its
// published password. Against a PostgreSQL server `npm start` is a plain production start.
if (!process.env.DATABASE_URL?.trim()) process.env.SEED_DEMO ??= '1';
// adapter-node assumes https when no ORIGIN is given, which fails the CSRF check of every form
// posted to a plain-http local server. Behind a proxy in production, set ORIGIN yourself.
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
console.log(`camket: ${process.env.ORIGIN}`);
await import(path.resolve('build/index.js'));
