// 外业离线数据: the downloaded tasks, the batches' imagery and the outbox of unsent verifications, kept in
// IndexedDB so they outlive reloads and offline starts (photos stay Blobs until they are uploaded).
// Every record carries the officer's username: a phone may be shared, and nobody sees or sends another
// officer's drafts.

let database = null;

function open() {
  database ??= new Promise((resolve, reject) => {
    const request = indexedDB.open('landwatch-field', 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      for (const [name, keyPath] of [['tasks', ['officer', 'batch', 'code']], ['outbox', ['officer', 'batch', 'code']], ['imagery', ['officer', 'batch']]]) {
        db.createObjectStore(name, { keyPath }).createIndex('officer', 'officer');
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return database;
}

function result(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function objects(name, mode = 'readonly') {
  return (await open()).transaction(name, mode).objectStore(name);
}

/// One object store seen as a table keyed by [officer, batch, code] (imagery: [officer, batch]).
function table(name) {
  return {
    all: async (officer) => result((await objects(name)).index('officer').getAll(officer)),
    get: async (key) => result((await objects(name)).get(key)),
    put: async (record) => result((await objects(name, 'readwrite')).put(record)),
    delete: async (key) => result((await objects(name, 'readwrite')).delete(key)),
    /// Puts `records` and deletes the officer's other records unless `keep(key)`, in one transaction.
    replace: async (officer, records, keep = () => false) => {
      const store = await objects(name, 'readwrite');
      const committed = new Promise((resolve, reject) => {
        store.transaction.oncomplete = resolve;
        store.transaction.onerror = () => reject(store.transaction.error);
      });
      const fresh = new Set(records.map((r) => JSON.stringify(store.keyPath.map((k) => r[k]))));
      for (const key of await result(store.index('officer').getAllKeys(officer))) {
        if (!fresh.has(JSON.stringify(key)) && !keep(key)) store.delete(key);
      }
      records.forEach((record) => store.put(record));
      return committed;
    },
  };
}

export const tasks = table('tasks');
export const outbox = table('outbox');
export const imagery = table('imagery');
