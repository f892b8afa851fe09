// Small browser helpers for the portal, called through JS interop.
window.enfixPortal = {
  saveTheme: function (dark) {
    document.cookie = "enfix-theme=" + (dark ? "dark" : "light") + "; path=/; max-age=31536000; samesite=lax";
  },
  copy: function (text) {
    return navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.resolve();
  }
};
