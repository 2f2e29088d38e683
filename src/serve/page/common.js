// What both views share: building elements, amounts in French, and asking the server. A
// request gives its JSON answer, or throws a RequestError carrying the problem the server sent
// (a JSON problem body: title, status, detail...) that problemElement shows.
'use strict';

// An element with attributes (`text` sets its text) and children (elements, strings, or null
// to skip).
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'text')
      node.textContent = value;
    else
      node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

// "16.55" -> "16,55 €" inside a <data value="16.55">, so that a program reading the page finds
// the amount as the engine wrote it; null -> a dash.
function amountElement(amount, perKm = false) {
  if (amount === null || amount === undefined) return el('span', {class: 'vide', text: '—'});
  const text = `${String(amount).replace('.', ',')} €${perKm ? ' par km' : ''}`;
  return el('data', {class: 'montant', value: amount, text});
}

class RequestError extends Error {
  constructor(status, problem) {
    super(problem.title || `erreur ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

// GET or POST `url`; the parsed JSON answer, or a RequestError (server problem, or no server).
async function request(url, options = {}) {
  let response;
  try {
    response = await fetch(url, options);
  } catch (failure) {
    throw new RequestError(0, {title: 'Le serveur ne répond pas', detail: String(failure)});
  }
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const problem = body && typeof body === 'object' ? body : {detail: text};
    throw new RequestError(response.status, problem);
  }
  if (body === undefined) {
    throw new RequestError(response.status, {title: 'Réponse illisible (pas du JSON)', detail: text});
  }
  return body;
}

// Shows `waiting` in `output`, then what `render` makes of the answer to `url`, or the problem.
// With `focus` (the person asked), the answer's heading takes the focus: a keyboard or
// screen-reader user lands on it.
async function showAnswer(output, waiting, url, options, render, focus) {
  output.replaceChildren(el('p', {class: 'attente', text: waiting}));
  let shown;
  try {
    shown = render(await request(url, options));
  } catch (error) {
    shown = problemElement(error);
  }
  output.replaceChildren(shown);
  if (focus) {
    const heading = shown.querySelector('h3');
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

// The box that shows what went wrong: the problem's title and status, its detail, and every
// other field it carries (type, instance, limits...).
function problemElement(error) {
  const problem = error instanceof RequestError ? error.problem : {title: String(error)};
  const status = error instanceof RequestError && error.status ? ` (HTTP ${error.status})` : '';
  const box =
      el('div', {class: 'probleme', role: 'alert'}, el('h3', {text: `${problem.title || 'Erreur'}${status}`}),
         problem.detail ? el('p', {text: String(problem.detail)}) : null);
  const others = Object.entries(problem).filter(([name]) => !['title', 'status', 'detail'].includes(name));
  if (others.length > 0) {
    const list = el('dl');
    for (const [name, value] of others) {
      list.append(el('dt', {text: name}), el('dd', {text: typeof value === 'string' ? value : JSON.stringify(value)}));
    }
    box.append(list);
  }
  return box;
}

// "cotation de « … »" step and reason sources: "facture" means read on the claim itself.
function sourceElement(source) {
  if (!source) return null;
  return el('cite', {class: 'source', text: source === 'facture' ? 'lu sur la facture' : source});
}
