// Passkeys (WebAuthn) for the console's pages. Served from this origin as /passkeys.js: the Content-Security-Policy
// allows no inline script. Each button is rendered hidden and shown here only when the browser can use passkeys.
'use strict';
(() => {
  const toBase64Url = buffer => btoa(String.fromCharCode(...new Uint8Array(buffer)))
    .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const fromBase64Url = text => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), c => c.charCodeAt(0));

  const status = document.getElementById('passkey-status');
  const say = (text, failed) => {
    if (status) {
      status.textContent = text;
      status.classList.toggle('error', Boolean(failed));
    }
  };

  // The antiforgery token of any form on the page, sent as a header with every JSON request.
  const token = () => document.querySelector('input[name="__af"]')?.value ?? '';

  async function post(path, body) {
    const answer = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', RequestVerificationToken: token() },
      body: JSON.stringify(body ?? {}),
    });
    const json = await answer.json().catch(() => ({}));
    if (!answer.ok) {
      const error = new Error(json?.error?.message ?? `The server answered ${answer.status}.`);
      error.code = json?.error?.code ?? 'http_' + answer.status;
      throw error;
    }
    return json;
  }

  const descriptors = list => (list ?? []).map(d => ({ type: d.type, id: fromBase64Url(d.id), transports: d.transports }));

  function creationOptions(o) {
    return {
      rp: o.rp,
      user: { id: fromBase64Url(o.user.id), name: o.user.name, displayName: o.user.displayName },
      challenge: fromBase64Url(o.challenge),
      pubKeyCredParams: o.pubKeyCredParams,
      timeout: o.timeout,
      attestation: o.attestation,
      authenticatorSelection: o.authenticatorSelection,
      excludeCredentials: descriptors(o.excludeCredentials),
    };
  }

  function requestOptions(o) {
    return {
      challenge: fromBase64Url(o.challenge),
      rpId: o.rpId,
      timeout: o.timeout,
      userVerification: o.userVerification,
      allowCredentials: descriptors(o.allowCredentials),
    };
  }

  const registration = c => ({
    id: c.id,
    rawId: toBase64Url(c.rawId),
    type: c.type,
    response: {
      attestationObject: toBase64Url(c.response.attestationObject),
      clientDataJSON: toBase64Url(c.response.clientDataJSON),
      transports: c.response.getTransports ? c.response.getTransports() : [],
    },
    clientExtensionResults: c.getClientExtensionResults(),
  });

  const assertion = c => ({
    id: c.id,
    rawId: toBase64Url(c.rawId),
    type: c.type,
    response: {
      authenticatorData: toBase64Url(c.response.authenticatorData),
      clientDataJSON: toBase64Url(c.response.clientDataJSON),
      signature: toBase64Url(c.response.signature),
      userHandle: c.response.userHandle ? toBase64Url(c.response.userHandle) : null,
    },
    clientExtensionResults: c.getClientExtensionResults(),
  });

  // Proves a passkey: options from the server, the authenticator's answer back to it.
  async function prove(optionsPath, answerPath) {
    const options = await post(optionsPath);
    const credential = await navigator.credentials.get({ publicKey: requestOptions(options) });
    return post(answerPath, { credential: assertion(credential) });
  }

  function explain(error) {
    if (error.name === 'NotAllowedError') {
      return 'The passkey request was cancelled or timed out.';
    }
    if (error.code === 'step_up_required') {
      return 'Confirm it is you first: taking you to the check, then come back and add the passkey.';
    }
    return error.message;
  }

  function bind(id, action) {
    const button = document.getElementById(id);
    if (!button) {
      return;
    }
    if (!window.PublicKeyCredential || !navigator.credentials) {
      say('This browser cannot use passkeys.');
      return;
    }
    button.hidden = false;
    button.addEventListener('click', async () => {
      button.disabled = true;
      say('Waiting for your passkey…');
      try {
        await action(button);
      } catch (error) {
        say(explain(error), true);
        if (error.code === 'step_up_required') {
          window.location.assign('/step-up?returnUrl=%2Faccount');
        }
      } finally {
        button.disabled = false;
      }
    });
  }

  bind('passkey-add', async () => {
    const field = document.getElementById('passkey-name');
    const name = field.value.trim();
    if (!name) {
      say('Give the passkey a name first.', true);
      field.focus();
      return;
    }
    const options = await post('/account/passkeys/register/options');
    const credential = await navigator.credentials.create({ publicKey: creationOptions(options) });
    await post('/account/passkeys/register', { name, credential: registration(credential) });
    say('Passkey added.');
    window.location.assign('/account?done=passkey-added');
  });

  bind('passkey-sign-in', async () => {
    const answer = await prove('/login/passkey/options', '/login/passkey');
    window.location.assign(answer.redirect);
  });

  bind('passkey-second-factor', async () => {
    const answer = await prove('/login/passkey/mfa/options', '/login/passkey');
    window.location.assign(answer.redirect);
  });

  bind('passkey-step-up', async button => {
    await prove('/account/passkeys/verify/options', '/account/passkeys/verify');
    window.location.assign(button.dataset.returnUrl || '/account');
  });
})();
