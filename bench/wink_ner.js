// wink_ner.js - the NLP peer: wink-nlp's named-entity pass over review text.
//
// Reads the .txt files under DIR (sorted, recursively) until MAX_BYTES,
// runs wink-nlp's English lite model over each (tokens, sentences, entities)
// and prints "bytes docs seconds entities".  Loading the model is not timed.
//   node wink_ner.js DIR [MAX_BYTES]
'use strict';
const fs = require('fs');
const path = require('path');
const winkNLP = require('wink-nlp');
const model = require('wink-eng-lite-web-model');

const dir = process.argv[2];
const max = Number(process.argv[3] || 8e6);
const files = [];
(function walk(d) {
  for (const name of fs.readdirSync(d).sort()) {
    const p = path.join(d, name);
    if (fs.statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.txt')) files.push(p);
  }
})(dir);

const texts = [];
let bytes = 0;
for (const f of files) {
  if (bytes >= max) break;
  const t = fs.readFileSync(f, 'utf8');
  texts.push(t);
  bytes += Buffer.byteLength(t);
}
const nlp = winkNLP(model);
const its = nlp.its;
const t0 = process.hrtime.bigint();
let entities = 0;
for (const t of texts) entities += nlp.readDoc(t).entities().out(its.detail).length;
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(`${bytes} ${texts.length} ${secs.toFixed(3)} ${entities}`);
